; Loan Batch installer (NSIS 3, built on Linux by build.sh with makensis).
; Per-user: installs into %LOCALAPPDATA%\Programs\LoanBatch without asking
; for administrator rights, adds a Start-menu shortcut (and optionally one
; on the desktop) and an uninstaller listed in Settings > Apps. The data
; folder (%LOCALAPPDATA%\LoanBatch: the database and the stored documents)
; is not part of the installation and is kept by the uninstaller.
;
; makensis -DVERSION=0.1.0 -DVERSION4=0.1.0.1 -DSTAGE=dir -DOUTFILE=setup.exe installer.nsi
Target amd64-unicode ; a 64-bit installer for the 64-bit app (also what runs under wine64)
SetCompressor /SOLID lzma
!include "MUI2.nsh"

!define APPNAME "Loan Batch"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\LoanBatch"

Name "${APPNAME} ${VERSION}"
OutFile "${OUTFILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\LoanBatch"
InstallDirRegKey HKCU "Software\LoanBatch" "InstallDir"
ManifestDPIAware true

VIProductVersion "${VERSION4}"
VIAddVersionKey "ProductName" "${APPNAME}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "FileDescription" "${APPNAME} installer"
VIAddVersionKey "CompanyName" "${APPNAME}"
VIAddVersionKey "LegalCopyright" "${APPNAME}"

!define MUI_ICON "${STAGE}\loanbatch.ico"
!define MUI_UNICON "${STAGE}\loanbatch.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\loanbatch.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Open ${APPNAME}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

Section "${APPNAME}" SecApp
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File "${STAGE}\loanbatch.exe"
  File "${STAGE}\loanbatch.ico"
  File "${STAGE}\README.txt"
  SetOutPath "$INSTDIR\tessdata"
  File "${STAGE}\tessdata\eng.traineddata"
  SetOutPath "$INSTDIR"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\loanbatch.exe" "" "$INSTDIR\loanbatch.exe" 0
  WriteRegStr HKCU "Software\LoanBatch" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "${APPNAME}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\loanbatch.exe"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
SectionEnd

Section /o "Desktop shortcut" SecDesktop
  SetShellVarContext current
  CreateShortcut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\loanbatch.exe" "" "$INSTDIR\loanbatch.exe" 0
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\${APPNAME}.lnk"
  Delete "$DESKTOP\${APPNAME}.lnk"
  Delete "$INSTDIR\loanbatch.exe"
  Delete "$INSTDIR\loanbatch.ico"
  Delete "$INSTDIR\README.txt"
  Delete "$INSTDIR\tessdata\eng.traineddata"
  RMDir "$INSTDIR\tessdata"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTKEY}"
  DeleteRegKey HKCU "Software\LoanBatch"
SectionEnd
