using System.Text.Json;
using Microsoft.Extensions.Logging;
using ThuisMonitoring.DeviceSimulator.Demo;
using ThuisMonitoring.DeviceSimulator.Load;
using ThuisMonitoring.DeviceSimulator.Running;
using ThuisMonitoring.DeviceSimulator.Scenarios;

namespace ThuisMonitoring.DeviceSimulator;

/// <summary>Command line: <c>demo</c> seeds a region and plays scenarios; <c>load</c> measures the host under load.</summary>
internal static class Program
{
    private const string DefaultStaffPassword = "thuis-demo-2021";

    private const string Usage = """
        ThuisMonitoring device simulator

          demo      --api http://127.0.0.1:5080 --mqtt 127.0.0.1:1883 --admin-password X
                    [--patients 6] [--staff-password P] [--scenario a,b] [--interval 3s] [--seed 2021] [--once]
                    Seeds a demo region (nurse 'verpleegkundige', 'huisarts', 'longarts', patients) and plays the
                    scenarios until Ctrl+C (or one pass with --once).
          load      --api ... --mqtt ... --admin-password X --patients N --rate R --duration T --report path.json
                    [--connections C] [--red-fraction 0.02] [--host-pid PID] [--drain 10s] [--staff-password P]
                    Seeds N patients, publishes R measurements/s per patient for T seconds and reports PUBACK,
                    feedback and alert latency and the host's CPU and memory. --connections is how many
                    enrolments and MQTT connects run at once during setup (one MQTT session per device).
                    --mqtt h:p,h:p,... spreads the devices over the hosts of a cluster.
          closed-loop --mqtt ... --devices N --duration T --report path.json [--api ... --admin-password X] [--server-pid PID]
                    [--no-subscribe]
                    N devices, each with one QoS 1 measurement in flight, for T; reports the acknowledged rate.
                    With --api the devices are enrolled on the host; without, any credentials (a bare broker).
                    --no-subscribe: the devices do not subscribe to their feedback and errors topics.
          restart   --api ... --mqtt ... --admin-password X --patients N --rate R --duration T --report path.json
                    [--started-file F] [--marks-file M] [--end-file E] [--publish-timeout 30s] [--in-flight 4] [--drain 60s] [--target-p99 200] [--device-buffer 120]
                    Open loop through a host restart: devices queue, retry and reconnect by themselves; the script
                    stops and starts the host and writes 'stopped MS' and 'ready MS' lines to M; measuring ends
                    when E appears (or after T). Reports every
                    second (acknowledged, PUBACK p50/p99, failures, reconnects) and how long recovery took.
          bare-broker --port P
                    A bare MQTTnet broker (no interception) on 127.0.0.1:P: the yardstick of closed-loop.
          scenarios Lists the scenarios.
        """;

    public static async Task<int> Main(string[] args)
    {
        CommandArguments arguments;
        try
        {
            arguments = CommandArguments.Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message + Environment.NewLine + Usage);
            return 2;
        }

        using var loggerFactory = LoggerFactory.Create(logging => logging
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            })
            .SetMinimumLevel(arguments.Has("verbose") ? LogLevel.Debug : LogLevel.Information));
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        try
        {
            return arguments.Command switch
            {
                "demo" => await DemoAsync(arguments, loggerFactory, stop.Token),
                "load" => await LoadAsync(arguments, loggerFactory, stop.Token),
                "closed-loop" => await ClosedLoopAsync(arguments, loggerFactory, stop.Token),
                "restart" => await RestartAsync(arguments, loggerFactory, stop.Token),
                "bare-broker" => await BareBrokerAsync(arguments, stop.Token),
                "scenarios" => ListScenarios(),
                _ => Help(),
            };
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 130;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or Api.PlatformApiException or HttpRequestException or TimeoutException)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 1;
        }
    }

    private static async Task<int> DemoAsync(CommandArguments arguments, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var logger = loggerFactory.CreateLogger("Demo");
        var (mqttHost, mqttPort) = arguments.Mqtt();
        var seed = arguments.Int("seed", 2021);
        var scenarios = arguments.Get("scenario")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        var region = await DemoRegion.SeedAsync(new DemoRegionOptions
        {
            ApiBaseAddress = arguments.Api(),
            AdminPassword = arguments.Require("admin-password"),
            StaffPassword = arguments.Get("staff-password") ?? DefaultStaffPassword,
            PatientCount = arguments.Int("patients", 6),
            Seed = seed,
            Scenarios = scenarios,
        }, logger, cancellationToken);

        foreach (var p in region.Patients)
        {
            logger.LogInformation("{Name} ({Pathway}, {Flow} L/min, {Clinician}) -> {Scenario} on {Kind} {DeviceId}",
                p.Name, p.Pathway, p.OxygenFlow, p.ResponsibleClinician, p.Scenario, p.DeviceKind.ToCode(), p.DeviceId);
        }

        var report = await ScenarioRunner.RunAsync(new ScenarioRunOptions
        {
            MqttHost = mqttHost,
            MqttPort = mqttPort,
            Interval = arguments.Duration("interval", TimeSpan.FromSeconds(3)),
            Loop = !arguments.Has("once"),
            Seed = seed,
            LoggerFactory = loggerFactory,
        }, region.Patients, cancellationToken);

        foreach (var d in report.Devices)
        {
            Console.WriteLine($"{d.PatientName,-28} {d.Scenario,-20} published {d.Published,4} accepted {d.Accepted,4} " +
                $"invalid {d.InvalidPublished,3} (rejected {d.InvalidRejected,3}) feedback {d.FeedbackReceived,4} " +
                $"errors {d.ErrorsReceived,3} failures {d.Failures,3} last {d.LastLevel ?? "-"}");
        }

        return 0;
    }

    private static async Task<int> ClosedLoopAsync(CommandArguments arguments, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var (mqttHost, mqttPort) = arguments.Mqtt();
        var reportPath = arguments.Require("report");
        var test = new ClosedLoopTest(new ClosedLoopOptions
        {
            ApiBaseAddress = arguments.Get("api") is null ? null : arguments.Api(),
            MqttHost = mqttHost,
            MqttPort = mqttPort,
            AdminPassword = arguments.Get("admin-password"),
            StaffPassword = arguments.Get("staff-password") ?? DefaultStaffPassword,
            Devices = arguments.Int("devices", 2000),
            Duration = arguments.Duration("duration", TimeSpan.FromSeconds(30)),
            ServerPid = arguments.OptionalInt("server-pid"),
            Subscribe = !arguments.Has("no-subscribe"),
        }, loggerFactory.CreateLogger("ClosedLoop"));
        var report = await test.RunAsync(cancellationToken);
        await WriteReportAsync(reportPath, report, cancellationToken);
        Console.WriteLine($"{report.Target}: {report.Devices} devices ({(report.DevicesSubscribe ? "subscribing" : "not subscribing")}), {report.AcknowledgedPerSecond} acknowledged/s, PUBACK p99 {report.PubackLatencyMs.P99} ms, {report.PublishFailures} failures");
        return report.Acknowledged > 0 ? 0 : 1;
    }

    private static async Task<int> RestartAsync(CommandArguments arguments, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var (mqttHost, mqttPort) = arguments.Mqtt();
        var reportPath = arguments.Require("report");
        var test = new Restart.RestartLoadTest(new Restart.RestartLoadOptions
        {
            ApiBaseAddress = arguments.Api(),
            MqttHost = mqttHost,
            MqttPort = mqttPort,
            AdminPassword = arguments.Require("admin-password"),
            StaffPassword = arguments.Get("staff-password") ?? DefaultStaffPassword,
            Patients = arguments.Int("patients", 2000),
            RatePerPatient = arguments.Double("rate", 1),
            Duration = arguments.Duration("duration", TimeSpan.FromSeconds(90)),
            RedFraction = arguments.Double("red-fraction", 0.02),
            PublishTimeout = arguments.Duration("publish-timeout", TimeSpan.FromSeconds(30)),
            InFlight = arguments.Int("in-flight", 4),
            Drain = arguments.Duration("drain", TimeSpan.FromSeconds(60)),
            StartedFile = arguments.Get("started-file"),
            MarksFile = arguments.Get("marks-file"),
            EndFile = arguments.Get("end-file"),
            TargetP99Ms = arguments.Double("target-p99", 200),
            DeviceBuffer = arguments.Int("device-buffer", 120),
            SetupParallelism = arguments.Int("connections", 32),
        }, loggerFactory.CreateLogger("Restart"));
        var report = await test.RunAsync(cancellationToken);
        await WriteReportAsync(reportPath, report, cancellationToken);
        var recovery = report.Recovery;
        Console.WriteLine(
            $"restart: {report.Patients} devices, {report.Acknowledged} of {report.Published} acknowledged, {report.PublishFailures} publish failures (never acknowledged), " +
            $"{report.FailedAttempts} failed attempts of acknowledged measurements ({report.Refused} refused, {report.TimedOut} no answer, {report.Interrupted} interrupted), " +
            $"{report.DroppedByDevices} dropped by full device buffers, {report.Reconnects} reconnects ({report.FailedConnects} failed connects); " +
            (recovery is null ? "no restart marks" : $"host away {recovery.HostAwaySeconds} s, PUBACK p99 < {recovery.TargetP99Ms} ms " +
                (recovery.RecoveredSecondsAfterReady is { } r ? $"{r} s after ready" : "not reached") + $", worst p99 after ready {recovery.WorstPubackP99AfterReadyMs} ms"));
        return report.Acknowledged > 0 ? 0 : 1;
    }

    private static async Task<int> BareBrokerAsync(CommandArguments arguments, CancellationToken cancellationToken)
    {
        await BareBroker.RunAsync(arguments.Int("port", 1883), cancellationToken);
        return 0;
    }

    private static async Task<int> LoadAsync(CommandArguments arguments, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var (mqttHost, mqttPort) = arguments.Mqtt();
        var reportPath = arguments.Require("report");
        var test = new LoadTest(new LoadTestOptions
        {
            ApiBaseAddress = arguments.Api(),
            MqttHost = mqttHost,
            MqttPort = mqttPort,
            MqttEndpoints = arguments.MqttEndpoints(),
            AdminPassword = arguments.Require("admin-password"),
            StaffPassword = arguments.Get("staff-password") ?? DefaultStaffPassword,
            Patients = arguments.Int("patients", 50),
            RatePerPatient = arguments.Double("rate", 1),
            Duration = arguments.Duration("duration", TimeSpan.FromSeconds(20)),
            RedFraction = arguments.Double("red-fraction", 0.02),
            SetupParallelism = arguments.Int("connections", 32),
            Drain = arguments.Duration("drain", TimeSpan.FromSeconds(10)),
            HostPid = arguments.OptionalInt("host-pid"),
        }, loggerFactory.CreateLogger("Load"));

        var report = await test.RunAsync(cancellationToken);
        await WriteReportAsync(reportPath, report, cancellationToken);
        Console.WriteLine(LoadSummary.Format(report));
        Console.WriteLine($"Report written to {reportPath}");
        return report.Accepted > 0 ? 0 : 1;
    }

    /// <summary>Writes a benchmark report as indented JSON, creating its directory.</summary>
    private static async Task WriteReportAsync<T>(string reportPath, T report, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(report, new JsonSerializerOptions(SimulatorJson.Options) { WriteIndented = true });
        var directory = Path.GetDirectoryName(Path.GetFullPath(reportPath));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        await File.WriteAllTextAsync(reportPath, json, cancellationToken);
    }

    private static int ListScenarios()
    {
        foreach (var scenario in ScenarioCatalog.All)
        {
            Console.WriteLine($"{scenario.Name,-22} ({scenario.PreferredDevice.ToCode()}) {scenario.Description}");
        }

        return 0;
    }

    private static int Help()
    {
        Console.WriteLine(Usage);
        return 2;
    }
}
