using Polly.Telemetry;

namespace ThuisMonitoring.Host.Observability;

/// <summary>
/// How loud Polly's telemetry is in the log (category <c>Polly</c>). Orleans places every grain activation through a
/// Polly pipeline registered in the container (<c>Orleans.Placement</c>: timeout plus retry), and Polly.Extensions logs
/// every run of such a pipeline at Information ("Resilience pipeline executed") and every attempt of its retry
/// ("Execution attempt") — two lines per activation, 3,986 lines in the 20 s after a restart with 2,000 patients
/// (issue 14), written by the console logger while the host was catching up. Those two routine events are Debug here;
/// an attempt that failed and is handled (retried), a retry, a timeout or an open circuit keep Polly's own severity
/// (Warning and up), whatever <c>Logging:LogLevel</c> says for <c>Polly</c>.
/// </summary>
public static class ResilienceLogging
{
    public const string PipelineExecuted = "PipelineExecuted";
    public const string PipelineExecuting = "PipelineExecuting";
    public const string ExecutionAttempt = "ExecutionAttempt";

    public static void AddResilienceLogging(this WebApplicationBuilder builder) => builder.Services.AddResilienceLogging();

    public static IServiceCollection AddResilienceLogging(this IServiceCollection services) =>
        services.Configure<TelemetryOptions>(options => options.SeverityProvider = Severity);

    /// <summary>The severity an event of a pipeline from the container is logged with.</summary>
    public static ResilienceEventSeverity Severity(SeverityProviderArguments args) => args.Event.EventName switch
    {
        PipelineExecuted or PipelineExecuting => ResilienceEventSeverity.Debug,
        ExecutionAttempt when args.Event.Severity <= ResilienceEventSeverity.Information => ResilienceEventSeverity.Debug,
        _ => args.Event.Severity,
    };
}
