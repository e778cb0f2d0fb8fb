package pipeline
import ("testing";"fmt";"os";"bytes";"image";_ "image/png";"path/filepath";"loanbatch/pipeline/pipelinetest")
func TestNoiseLevels(t *testing.T){
 l:=pipelinetest.SampleLoans()[0]
 for _,o:=range []pipelinetest.ScanOptions{{},{Noise:0.02,Blur:true,RotateDeg:0.8,Seed:1},{Noise:0.005,Seed:2},{Blur:true}}{
   g:=pipelinetest.Scan(l.EstimateLines(),o); fmt.Printf("%+v %.5f\n",o,noiseLevel(g)) }
 fs,_:=filepath.Glob("/work/shared/corpus/loan_docs/*.png")
 for _,f:=range fs{ d,_:=os.ReadFile(f); img,_,_:=image.Decode(bytes.NewReader(d)); fmt.Printf("%s %.5f\n",filepath.Base(f),noiseLevel(toGray(img)))}
}
