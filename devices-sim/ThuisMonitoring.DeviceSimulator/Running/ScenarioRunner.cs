using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ThuisMonitoring.DeviceSimulator.Demo;
using ThuisMonitoring.DeviceSimulator.Devices;
using ThuisMonitoring.DeviceSimulator.Scenarios;

namespace ThuisMonitoring.DeviceSimulator.Running;

/// <summary>
/// Plays every patient's scenario on its own device, all at once, until cancelled or (without looping) until each
/// scenario has ended. Feedback and errors from the platform are logged and counted.
/// </summary>
public static partial class ScenarioRunner
{
    /// <summary>Runs all patients concurrently; returns the counts when cancelled or when every scenario has ended.</summary>
    public static async Task<ScenarioRunReport> RunAsync(
        ScenarioRunOptions options, IReadOnlyList<SimulatedPatient> patients, CancellationToken cancellationToken)
    {
        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger(typeof(ScenarioRunner).FullName!);
        var tallies = patients.Select(_ => new DeviceTally()).ToArray();
        var runs = patients.Select((patient, i) =>
            RunDeviceAsync(options, patient, i, patients.Count, tallies[i], logger, cancellationToken));
        await Task.WhenAll(runs);
        return new ScenarioRunReport(patients
            .Select((p, i) => tallies[i].Report(p.DeviceId, p.Name, p.Scenario))
            .ToArray());
    }

    private static async Task RunDeviceAsync(
        ScenarioRunOptions options, SimulatedPatient patient, int index, int count, DeviceTally tally,
        ILogger logger, CancellationToken cancellationToken)
    {
        var scenario = ScenarioCatalog.Get(patient.Scenario);
        await using var device = new SimulatedDevice(
            patient.DeviceId, patient.DeviceSecret, options.MqttHost, options.MqttPort, logger);
        device.FeedbackReceived += feedback =>
        {
            // A level change is news for whoever watches the demo; the same level again is detail.
            var previous = tally.LastLevel;
            tally.Feedback(feedback.Level);
            if (previous != feedback.Level)
            {
                LogLevelChanged(logger, patient.Name, scenario.Name, previous ?? "-", feedback.Level, feedback.Text, feedback.MessageId);
            }
            else
            {
                LogFeedback(logger, patient.Name, scenario.Name, feedback.Level, feedback.Text, feedback.MessageId);
            }
        };
        device.ErrorsReceived += errors =>
        {
            tally.Errors();
            var broken = errors.Errors is null ? "" : string.Join("; ", errors.Errors.Select(e => $"{e.Field}: {e.Message}"));
            LogErrors(logger, patient.Name, scenario.Name, errors.MessageId, broken);
        };

        try
        {
            // Spread the devices over one interval so they do not all publish in the same millisecond.
            await Task.Delay(options.Interval * index / Math.Max(1, count), options.Time, cancellationToken);
            await ConnectAsync(device, options, logger, cancellationToken);
            LogStarted(logger, patient.Name, device.DeviceId, scenario.Name);

            var pass = 0;
            do
            {
                var context = new ScenarioContext(
                    DeviceSeed(options.Seed, index, pass), patient.DeviceKind, patient.OxygenFlow,
                    $"{patient.DeviceId}-{pass}", options.Interval, options.Time)
                {
                    Silence = options.Silence,
                };
                foreach (var step in scenario.Steps(context))
                {
                    await TakeAsync(step, device, tally, patient, options, logger, cancellationToken);
                }

                pass++;
            }
            while (options.Loop);

            await AwaitAnswersAsync(tally, options, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped by the operator or the host.
        }
    }

    /// <summary>A seed per device and pass: the same run replays the same values, the devices differ.</summary>
    internal static int DeviceSeed(int seed, int index, int pass) => unchecked((seed * 31) + (index * 1009) + pass) & int.MaxValue;

    private static async Task AwaitAnswersAsync(DeviceTally tally, ScenarioRunOptions options, CancellationToken cancellationToken)
    {
        var deadline = options.Time.GetUtcNow() + options.AnswerGrace;
        while (!tally.AllAnswered && options.Time.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), options.Time, cancellationToken);
        }
    }

    private static async Task ConnectAsync(
        SimulatedDevice device, ScenarioRunOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await device.ConnectAsync(cancellationToken);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException && attempt < 10)
            {
                LogConnectRetry(logger, device.DeviceId, attempt, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, attempt * 2)), options.Time, cancellationToken);
            }
        }
    }

    private static async Task TakeAsync(
        ScenarioStep step, SimulatedDevice device, DeviceTally tally, SimulatedPatient patient,
        ScenarioRunOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        switch (step)
        {
            case Wait wait:
                if (options.Loop || !wait.EndsPass)
                {
                    await Task.Delay(wait.Duration, options.Time, cancellationToken);
                }

                return;

            case PublishMeasurement publish:
                var payload = JsonSerializer.SerializeToUtf8Bytes(publish.Measurement, SimulatorJson.Options);
                var outcome = await PublishAsync(device, payload, tally, logger, cancellationToken);
                if (outcome is { } accepted)
                {
                    tally.Published(accepted.Accepted);
                    if (!accepted.Accepted)
                    {
                        LogValidRejected(logger, patient.Name, publish.Measurement.MessageId, accepted.ReasonCode);
                    }
                }

                return;

            case PublishInvalid invalid:
                var rejected = await PublishAsync(device, Encoding.UTF8.GetBytes(invalid.Payload), tally, logger, cancellationToken);
                if (rejected is { } answer)
                {
                    tally.InvalidPublished(!answer.Accepted);
                    LogInvalidSent(logger, patient.Name, invalid.Flaw, answer.ReasonCode);
                }

                return;
        }
    }

    private static async Task<PublishOutcome?> PublishAsync(
        SimulatedDevice device, byte[] payload, DeviceTally tally, ILogger logger, CancellationToken cancellationToken)
    {
        if (!await device.EnsureConnectedAsync(cancellationToken))
        {
            tally.Failure();
            return null;
        }

        try
        {
            return await device.PublishMeasurementAsync(payload, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            tally.Failure();
            LogPublishFailed(logger, device.DeviceId, e.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Patient}: device {DeviceId} plays {Scenario}")]
    private static partial void LogStarted(ILogger logger, string patient, string deviceId, string scenario);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Patient} ({Scenario}) feedback {Previous} -> {Level}: {Text} [{MessageId}]")]
    private static partial void LogLevelChanged(ILogger logger, string patient, string scenario, string previous, string? level, string? text, string? messageId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Patient} ({Scenario}) feedback {Level}: {Text} [{MessageId}]")]
    private static partial void LogFeedback(ILogger logger, string patient, string scenario, string? level, string? text, string? messageId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Patient} ({Scenario}) error answer [{MessageId}]: {Errors}")]
    private static partial void LogErrors(ILogger logger, string patient, string scenario, string? messageId, string errors);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Patient}: sent invalid message ({Flaw}), PUBACK {ReasonCode}")]
    private static partial void LogInvalidSent(ILogger logger, string patient, string flaw, string reasonCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Patient}: valid measurement {MessageId} was refused, PUBACK {ReasonCode}")]
    private static partial void LogValidRejected(ILogger logger, string patient, string? messageId, string reasonCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {DeviceId} could not connect (attempt {Attempt}): {Reason}")]
    private static partial void LogConnectRetry(ILogger logger, string deviceId, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {DeviceId} could not publish: {Reason}")]
    private static partial void LogPublishFailed(ILogger logger, string deviceId, string reason);
}
