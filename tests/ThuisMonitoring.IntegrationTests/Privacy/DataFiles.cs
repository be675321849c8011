using System.Text;

namespace ThuisMonitoring.IntegrationTests.Privacy;

/// <summary>The host's data directory read as bytes: which files still contain a piece of text.</summary>
public static class DataFiles
{
    /// <summary>
    /// The files under <paramref name="dataDirectory"/> (write-ahead logs included) that contain <paramref name="text"/>
    /// in UTF-8, except those named in <paramref name="kept"/> (with their -wal and -shm companions).
    /// </summary>
    public static IReadOnlyList<string> Containing(string dataDirectory, string text, params string[] kept)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        return Directory.EnumerateFiles(dataDirectory, "*", SearchOption.AllDirectories)
            .Where(path => !kept.Any(k => Path.GetFileName(path).StartsWith(k, StringComparison.Ordinal)))
            .Where(path => Read(path).AsSpan().IndexOf(needle) >= 0)
            .Select(path => Path.GetRelativePath(dataDirectory, path))
            .ToList();
    }

    private static byte[] Read(string path)
    {
        // The host has the files open; share them as SQLite does.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
