using System.Globalization;
using ThuisMonitoring.Abstractions.Stores;

namespace ThuisMonitoring.InfluxDb.Forwarding;

/// <summary>
/// The sequence of the last measurement InfluxDB acknowledged, in a small file under <c>Data:Directory</c>, replaced
/// atomically (write a temporary file, fsync, rename). A lost or stale cursor only means points are written again,
/// and InfluxDB stores an identical point once (same series and timestamp overwrite), so nothing is doubled.
/// </summary>
public sealed class ForwarderCursor(string path) : IJournalCursor
{
    public const string FileName = "influx-forwarder.cursor";

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>The saved sequence, 0 (the start) when there is none yet.</summary>
    public long Read()
    {
        if (!File.Exists(Path))
        {
            return 0;
        }

        var text = File.ReadAllText(Path).Trim();
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? sequence
            : throw new InvalidDataException($"The forwarder cursor {Path} holds '{text}', not a sequence number.");
    }

    /// <summary>One host per data directory: it always holds its cursor.</summary>
    public Task<long> AcquireAsync(CancellationToken cancellationToken) => Task.FromResult(Read());

    public Task SaveAsync(long sequence, CancellationToken cancellationToken)
    {
        Save(sequence);
        return Task.CompletedTask;
    }

    public void Save(long sequence)
    {
        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var temporary = Path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(System.Text.Encoding.ASCII.GetBytes(sequence.ToString(CultureInfo.InvariantCulture)));
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, Path, overwrite: true);
    }
}
