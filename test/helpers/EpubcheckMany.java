import com.adobe.epubcheck.api.EpubCheck;
import com.adobe.epubcheck.util.DefaultReportImpl;
import java.io.File;

/** Validate many EPUB files in one JVM (starting epubcheck once per file costs seconds each). */
public class EpubcheckMany {
  public static void main(String[] args) {
    int failed = 0;
    for (String path : args) {
      DefaultReportImpl report = new DefaultReportImpl(path);
      int result = new EpubCheck(new File(path), report).doValidate();
      if (result != 0) failed++;
      System.out.println("RESULT " + result + " " + path);
    }
    System.exit(failed == 0 ? 0 : 1);
  }
}
