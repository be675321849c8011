namespace ThuisMonitoring.Storage.Sqlite;

/// <summary>
/// Instants are stored as UTC ticks (exact, sortable, range-queryable) with the original offset in minutes alongside,
/// so a stored <see cref="DateTimeOffset"/> reads back equal to what was written, offset included.
/// </summary>
internal static class SqliteValues
{
    public static long Ticks(DateTimeOffset instant) => instant.UtcTicks;

    public static long OffsetMinutes(DateTimeOffset instant) => (long)instant.Offset.TotalMinutes;

    public static DateTimeOffset Instant(long utcTicks, long offsetMinutes) =>
        new DateTimeOffset(utcTicks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(offsetMinutes));

    public static object OrNull(object? value) => value ?? DBNull.Value;
}
