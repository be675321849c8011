namespace ThuisMonitoring.Testing;

/// <summary>Finds the repository root (the folder holding ThuisMonitoring.sln) from the test's output folder.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "ThuisMonitoring.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("ThuisMonitoring.sln not found above " + AppContext.BaseDirectory);
    }
}
