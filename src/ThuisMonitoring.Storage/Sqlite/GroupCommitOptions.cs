namespace ThuisMonitoring.Storage.Sqlite;

/// <summary>How a file's <see cref="GroupCommitWriter{TSession}"/> batches and checkpoints.</summary>
/// <param name="BatchSize">At most this many changes go into one transaction (one fsync).</param>
/// <param name="QueueCapacity">Changes waiting for the writer before callers are made to wait (back-pressure instead of unbounded memory).</param>
internal sealed record GroupCommitOptions(int BatchSize, int QueueCapacity)
{
    /// <summary>The stores other than the measurements (grain state, timeline, summaries, alert index, reminders, audit).</summary>
    public static GroupCommitOptions Default { get; } = new(1024, 65_536);

    /// <summary>At most one background checkpoint of the log per this interval (<see cref="WalCheckpointer"/>).</summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// A log of more frames (pages) than this, not wholly copied, is copied by the writer itself between two batches so
    /// that it starts over: 16,384 pages of 4 KiB is 64 MiB of log.
    /// </summary>
    public long CatchUpLogFrames { get; init; } = 16_384;
}
