namespace ThuisMonitoring.Domain.Tests.Replay;

/// <summary>The repository's root (the folder of ThuisMonitoring.sln), for the files the tests keep equal to the code.</summary>
internal static class Repository
{
    public static string Directory { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ThuisMonitoring.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("ThuisMonitoring.sln not found");
    }
}
