namespace ThuisMonitoring.Storage.Sqlite;

/// <summary>How a file's <see cref="GroupCommitWriter{TSession}"/> batches.</summary>
/// <param name="BatchSize">At most this many changes go into one transaction (one fsync).</param>
/// <param name="QueueCapacity">Changes waiting for the writer before callers are made to wait (back-pressure instead of unbounded memory).</param>
internal sealed record GroupCommitOptions(int BatchSize, int QueueCapacity)
{
    /// <summary>The stores other than the measurements (grain state, timeline, summaries, alert index, reminders, audit).</summary>
    public static GroupCommitOptions Default { get; } = new(1024, 65_536);
}
