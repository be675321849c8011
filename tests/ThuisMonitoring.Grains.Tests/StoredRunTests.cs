using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Monitoring;
using ThuisMonitoring.Grains.Patients;
using ThuisMonitoring.Grains.Tests.Cluster;

namespace ThuisMonitoring.Grains.Tests;

/// <summary>
/// The activation's catch-up evaluates stored measurements again; a flag their row already carries (written by the
/// evaluation before the crash) is not written to the measurement store a second time.
/// </summary>
public sealed class StoredRunTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(null, false, "warm-up", false, false)]
    [InlineData("warm-up", false, "warm-up", false, true)]
    [InlineData("warm-up", false, "sensor-off", true, false)]
    [InlineData("sensor-off", true, "sensor-off", true, true)]
    public void A_flag_is_written_again_only_when_the_stored_row_does_not_carry_it(
        string? storedFlag, bool storedArtefact, string flag, bool artefact, bool kept)
    {
        var run = Run((storedFlag, storedArtefact));

        var unwritten = run.Unwritten(new DeviceFlags("oxi-1", [new SampleFlag(At, flag, artefact)]), out var keptCount);

        keptCount.Should().Be(kept ? 1 : 0);
        if (kept)
        {
            unwritten.Should().BeNull("nothing is left to write");
        }
        else
        {
            unwritten!.Samples.Should().ContainSingle().Which.Should().Be(new SampleFlag(At, flag, artefact));
        }
    }

    [Fact]
    public void Of_a_backlog_only_the_samples_whose_rows_are_not_flagged_yet_are_written()
    {
        var run = Run(("warm-up", false), (null, false), ("warm-up", false));
        var flags = new DeviceFlags("oxi-1", [.. Enumerable.Range(0, 3).Select(i => new SampleFlag(At.AddSeconds(i), "warm-up", false))]);

        var unwritten = run.Unwritten(flags, out var kept);

        kept.Should().Be(2);
        unwritten!.DeviceId.Should().Be("oxi-1");
        unwritten.Samples.Should().Equal(new SampleFlag(At.AddSeconds(1), "warm-up", false));
    }

    // The rows of one message, one second apart, each with its stored flag; a flagged row before the run, outside it.
    private static StoredRun Run(params (string? Flag, bool Artefact)[] rows)
    {
        var stored = new List<StoredMeasurement> { Row(At.AddMinutes(-1), "warm-up", false) };
        stored.AddRange(rows.Select((row, i) => Row(At.AddSeconds(i), row.Flag, row.Artefact)));
        return new StoredRun(stored, 1, rows.Length);
    }

    private static StoredMeasurement Row(DateTimeOffset measuredAt, string? flag, bool artefact) =>
        new("patient-1", "oxi-1", null, DeviceKind.Oximeter, Ward.Spo2(95, measuredAt), At, artefact, flag);
}
