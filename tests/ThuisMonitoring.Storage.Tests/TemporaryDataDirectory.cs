using Microsoft.Data.Sqlite;

namespace ThuisMonitoring.Storage.Tests;

/// <summary>A fresh Data:Directory per test, removed afterwards.</summary>
public sealed class TemporaryDataDirectory : IDisposable
{
    public TemporaryDataDirectory() =>
        Path = System.IO.Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tm-storage-" + Guid.NewGuid().ToString("N"))).FullName;

    public string Path { get; }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a failed test must not hide that test's own failure.
        }
    }
}
