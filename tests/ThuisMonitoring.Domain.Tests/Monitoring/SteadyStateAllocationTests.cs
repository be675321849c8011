using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Monitoring;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Tests.Monitoring;

/// <summary>
/// Issue 14: a stable patient's 1 Hz sample allocates (next to) nothing in the domain once the stream is warm. Counted by
/// the runtime on this thread (bytes, not time: the figure does not depend on the machine's load); the benchmark
/// project shows the exact figures (devices-sim/domain-benchmark.sh, allocations.md).
/// </summary>
public sealed class SteadyStateAllocationTests
{
    private static readonly DateTimeOffset Start = SpotCheck.MorningRound;
    private static readonly ProtocolDocument Protocol = CovidOxygenProtocol.Default;

    [Fact]
    public void A_stable_1_Hz_sample_through_the_monitor_allocates_at_most_a_few_bytes_amortised()
    {
        var monitor = new PatientMonitor(newId: () => "id");
        monitor.Enrol(new Enrolment("patient-1", Pathway.GeneralPractice, "dr-1", null, 2.0, null, Start.AddHours(-1)));
        var random = new Random(14);
        var samples = new Measurement[2 * 3_600];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = new Measurement(
                Start.AddSeconds(i), Spo2: 94 + random.Next(3), HeartRate: 74 + random.Next(9), RespiratoryRate: 15 + random.Next(3), PerfusionIndex: 2.5);
        }

        var message = new Measurement[1];
        MonitorOutcome Sample(int i)
        {
            message[0] = samples[i];
            return monitor.Record(message, DeviceKind.Oximeter, "oximeter-1", Protocol, samples[i].MeasuredAt);
        }

        // The first hour warms the stream up (windows, medians, history, advice): not counted.
        for (var i = 0; i < 3_600; i++)
        {
            Sample(i);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        MonitorOutcome? last = null;
        for (var i = 3_600; i < samples.Length; i++)
        {
            last = Sample(i);
        }

        var perSample = (GC.GetAllocatedBytesForCurrentThread() - before) / 3_600.0;

        last!.Save.Should().Be(MonitorSave.Batch, "a stable patient changes only the last values");
        last.ChangedAlerts.Should().BeEmpty();
        perSample.Should().BeLessThan(64, "a 1 Hz sample allocates nothing but the once-a-minute history record and advice run (measured: 17 B)");
    }
}
