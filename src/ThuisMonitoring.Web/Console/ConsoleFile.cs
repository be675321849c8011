using System.Security.Cryptography;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace ThuisMonitoring.Web.Console;

/// <summary>One embedded console file, read once at start-up (the whole console is a few tens of kilobytes).</summary>
internal sealed record ConsoleFile(string RequestPath, byte[] Contents, string ContentType, EntityTagHeaderValue EntityTag)
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".json"] = "application/json; charset=utf-8",
    };

    /// <summary>True for HTML documents, which get the page-only security headers.</summary>
    public bool IsPage => ContentType.StartsWith("text/html", StringComparison.Ordinal);

    /// <summary>Reads every file of <paramref name="provider"/> whose extension the console serves.</summary>
    public static IReadOnlyList<ConsoleFile> ReadAll(IFileProvider provider)
    {
        var files = new List<ConsoleFile>();
        // The manifest provider knows the root as "/" (an empty subpath does not exist).
        Collect(provider, "/", files);
        return files;
    }

    private static void Collect(IFileProvider provider, string directory, List<ConsoleFile> files)
    {
        foreach (var entry in provider.GetDirectoryContents(directory))
        {
            var path = directory.EndsWith('/') ? directory + entry.Name : $"{directory}/{entry.Name}";
            if (entry.IsDirectory)
            {
                Collect(provider, path, files);
            }
            else if (ContentTypes.TryGetValue(Path.GetExtension(entry.Name), out var contentType))
            {
                files.Add(Read(entry, path, contentType));
            }
        }
    }

    private static ConsoleFile Read(IFileInfo entry, string requestPath, string contentType)
    {
        using var stream = entry.CreateReadStream();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var contents = buffer.ToArray();
        var hash = Convert.ToHexStringLower(SHA256.HashData(contents).AsSpan(0, 12));
        return new ConsoleFile(requestPath, contents, contentType, new EntityTagHeaderValue($"\"{hash}\""));
    }
}
