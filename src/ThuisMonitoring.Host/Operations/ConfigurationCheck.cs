namespace ThuisMonitoring.Host.Operations;

/// <summary>
/// A configuration that cannot work (a bad URL, an unknown cluster provider, PostgreSQL without a connection string, a
/// signing key that is not base64) stops the host at start with one critical line naming the key and exit code 1,
/// not a stack trace and not a failure at the first request.
/// </summary>
public static class ConfigurationCheck
{
    public static T OrExit<T>(this WebApplicationBuilder builder, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (InvalidOperationException problem)
        {
            using (var loggers = LoggerFactory.Create(logging => logging.AddConfiguration(builder.Configuration.GetSection("Logging")).AddSimpleConsole()))
            {
                loggers.CreateLogger(typeof(ConfigurationCheck)).LogCritical("Configuration: {Problem}", problem.Message);
            }

            Environment.Exit(PortCheck.ExitCode);
            throw;
        }
    }
}
