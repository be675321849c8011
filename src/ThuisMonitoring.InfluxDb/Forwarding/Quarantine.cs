using System.Globalization;
using System.Text;

namespace ThuisMonitoring.InfluxDb.Forwarding;

/// <summary>
/// Measurements InfluxDB will not take (400: bad data, e.g. a field type conflict) or line protocol cannot carry,
/// set aside in <c>Data:Directory/influx-quarantine/yyyy-MM-dd.lp</c> so the forwarder can go on. Each entry is a
/// comment line with the reason and sequence, then the line itself when there is one: after fixing the cause the
/// file can be written to InfluxDB as it is (comment lines are ignored). The measurement stays in the store too.
/// </summary>
public sealed class Quarantine(string directory, TimeProvider time)
{
    public const string DirectoryName = "influx-quarantine";

    private readonly object _gate = new();

    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>Entries written since start.</summary>
    public long Count => Interlocked.Read(ref _count);

    private long _count;

    public void Add(long sequence, string reason, string? line)
    {
        var now = time.GetUtcNow();
        var entry = new StringBuilder()
            .Append("# ").Append(now.ToString("O", CultureInfo.InvariantCulture))
            .Append(" sequence ").Append(sequence.ToString(CultureInfo.InvariantCulture))
            .Append(": ").Append(OneLine(reason)).Append('\n');
        if (line is not null)
        {
            entry.Append(line).Append('\n');
        }

        lock (_gate)
        {
            System.IO.Directory.CreateDirectory(Directory);
            using var file = new FileStream(Path.Combine(Directory, now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".lp"), FileMode.Append, FileAccess.Write, FileShare.Read);
            file.Write(Encoding.UTF8.GetBytes(entry.ToString()));
            file.Flush(flushToDisk: true);
        }

        Interlocked.Increment(ref _count);
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
