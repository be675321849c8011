namespace ThuisMonitoring.InfluxDb.Client;

/// <summary>InfluxDB could not be reached, refused the request, or answered a query with an error.</summary>
public class InfluxDbException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>InfluxDB is unreachable or overloaded (after the retries): try again later, nothing is wrong with the data.</summary>
public sealed class InfluxDbUnavailableException(string message, Exception? inner = null) : InfluxDbException(message, inner);
