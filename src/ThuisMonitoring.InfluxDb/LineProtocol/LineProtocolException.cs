namespace ThuisMonitoring.InfluxDb.LineProtocol;

/// <summary>
/// A value that line protocol cannot carry faithfully (a newline, a backslash in a name, NaN, ...). Thrown while the
/// point is built, so a point that exists can always be written; the forwarder quarantines the measurement.
/// </summary>
public sealed class LineProtocolException(string message) : Exception(message);
