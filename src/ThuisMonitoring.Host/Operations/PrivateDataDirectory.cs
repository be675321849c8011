using System.Runtime.InteropServices;
using Microsoft.AspNetCore.DataProtection;

namespace ThuisMonitoring.Host.Operations;

/// <summary>
/// Patient data is readable by the service account only: the data directory is 0700 and every file in it 0600.
/// The process umask is set to 077 at start, so every file and directory created afterwards (SQLite databases and
/// the <c>-wal</c>/<c>-shm</c> files SQLite creates itself, the signing key, the InfluxDB cursor and quarantine) is
/// private without each writer having to remember it; what an older version left behind is tightened once at start.
/// </summary>
public static class PrivateDataDirectory
{
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>The framework's data-protection key ring (written at start) is kept here too, not in the user's home.</summary>
    public const string KeyRingDirectory = "data-protection-keys";

    public static void AddPrivateDataDirectory(this WebApplicationBuilder builder, Composition.SiteOptions site)
    {
        builder.Services.AddDataProtection()
            .SetApplicationName("ThuisMonitoring")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(site.DataDirectory, KeyRingDirectory)));
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        _ = SetUmask(Convert.ToUInt32("077", 8));
        Tighten(site.DataDirectory);
    }

    /// <summary>Creates the directory (0700) or makes it and everything in it private.</summary>
    public static void Tighten(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Directory.CreateDirectory(directory, DirectoryMode);
        File.SetUnixFileMode(directory, DirectoryMode);
        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos("*", SearchOption.AllDirectories))
        {
            if (entry.LinkTarget is not null)
            {
                continue;
            }

            entry.UnixFileMode = entry is DirectoryInfo ? DirectoryMode : FileMode;
        }
    }

    // umask(2) has no .NET API; it cannot fail.
    [DllImport("libc", EntryPoint = "umask")]
    private static extern uint SetUmask(uint mask);
}
