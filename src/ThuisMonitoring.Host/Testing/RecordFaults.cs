using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Grains.Contracts;

namespace ThuisMonitoring.Host.Testing;

/// <summary>
/// <c>Testing:FailRecordOfMessageIdPrefix=...</c>: every <see cref="IPatientGrain.Record"/> call with a measurement
/// whose messageId starts with that prefix fails before the grain evaluates it, as a call to a silo that died does. The
/// measurement is already stored by then, so the device's resend of that message is a duplicate: the tests of
/// redelivery (docs/mqtt.md, "Duplicates and redelivery") show it is evaluated on that resend. Without the setting
/// nothing of this is registered.
/// </summary>
public static class RecordFaults
{
    public const string Key = "Testing:FailRecordOfMessageIdPrefix";

    public static void AddRecordFaults(this WebApplicationBuilder builder)
    {
        if (builder.Configuration[Key] is not { Length: > 0 } prefix)
        {
            return;
        }

        builder.Services.AddSingleton<IIncomingGrainCallFilter>(services => new RecordFault(prefix, services.GetRequiredService<ILogger<RecordFault>>()));
    }

    /// <summary>The grain call filter of <see cref="RecordFaults"/>.</summary>
    public sealed class RecordFault(string prefix, ILogger<RecordFault> logger) : IIncomingGrainCallFilter
    {
        public Task Invoke(IIncomingGrainCallContext context)
        {
            if (context.InterfaceMethod?.Name == nameof(IPatientGrain.Record)
                && context.InterfaceMethod.DeclaringType == typeof(IPatientGrain)
                && context.Request.GetArgument(0) is IReadOnlyList<Measurement> measurements
                && measurements.Any(m => m.MessageId?.StartsWith(prefix, StringComparison.Ordinal) == true))
            {
                logger.LogWarning("Test fault ({Key}): Record of a measurement with messageId prefix {Prefix} fails before the grain evaluates it", Key, prefix);
                throw new InvalidOperationException($"Test fault: Record of a message with messageId prefix '{prefix}' fails.");
            }

            return context.Invoke();
        }
    }
}
