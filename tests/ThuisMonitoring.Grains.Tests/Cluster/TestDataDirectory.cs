namespace ThuisMonitoring.Grains.Tests.Cluster;

/// <summary>A fresh Data:Directory per cluster under the system temp directory.</summary>
public static class TestDataDirectory
{
    public static string Create()
    {
        var path = Path.Combine(Path.GetTempPath(), "thuismonitoring-grains-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    public static void Delete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open only leaves litter in the temp directory; it must not fail the run.
        }
    }
}
