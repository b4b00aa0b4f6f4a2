// Plain JDBC with the divergence-sql driver, in one file (Java 11+ runs a source file directly):
//   java -cp target/divergence-sql-0.1.0-all.jar examples/jdbc/Drift.java
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

public class Drift {
  public static void main(String[] args) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:divergence:h2:mem:x");
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE grades (grade VARCHAR(1), class_a DOUBLE PRECISION, class_b DOUBLE PRECISION)");
      s.execute("INSERT INTO grades VALUES ('A', 0.2, 0.1), ('B', 0.3, 0.4), ('C', 0.4, 0.3), ('D', 0.1, 0.2)");
      try (ResultSet rs = s.executeQuery("SELECT KL_DIVERGENCE(class_a, class_b) AS kl FROM grades")) {
        rs.next();
        double kl = rs.getDouble("kl");
        System.out.println(kl);
      }
    }
  }
}
