using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.InfluxDb.LineProtocol;

namespace ThuisMonitoring.InfluxDb.Tests;

/// <summary>
/// Artefacts and warm-up are stored with their flag (PROTOCOL.md section 4): the patient grain flags samples after they
/// were stored, the flagged rows come again at the end of the journal, so the forwarder rewrites their InfluxDB point
/// with <c>artefact=true</c>.
/// </summary>
public sealed class MeasurementFlagTests : IDisposable
{
    private readonly TemporaryDirectory _data = new();

    [Fact]
    public async Task A_flagged_artefact_is_stored_with_its_kind_and_read_again_from_the_journal_with_artefact_true()
    {
        await using var site = await Site.OpenAsync(_data.Path);
        var stored = Enumerable.Range(0, 5).Select(n => Ward.Oximeter("p1", n)).ToList();
        await Ward.StoreAsync(site.Measurements, stored);
        var before = await site.Journal.ReadAfterAsync(0, 100, CancellationToken.None);

        await site.Flags.FlagAsync(stored[1].PatientId, stored[1].DeviceId,
            [
                new MeasurementFlag(stored[1].Measurement.MeasuredAt, "spo2-jump", true),
                new MeasurementFlag(stored[2].Measurement.MeasuredAt, "warm-up", false),
            ],
            CancellationToken.None);

        var again = await site.Journal.ReadAfterAsync(before[^1].Sequence, 100, CancellationToken.None);
        again.Select(r => (r.Stored.Measurement.MeasuredAt, r.Stored.Flag, r.Stored.Artefact)).Should().Equal(
            (stored[1].Measurement.MeasuredAt, "spo2-jump", true),
            (stored[2].Measurement.MeasuredAt, "warm-up", false));
        LineProtocolWriter.ToLine(VitalsSchema.ToPoint(again[0].Stored)).Should().Contain("artefact=true");
        (await site.Measurements.CountAsync(CancellationToken.None)).Should().Be(5, "a flag moves a row, it does not add one");
        var listed = await site.Measurements.ListAsync("p1", DateTimeOffset.MinValue, DateTimeOffset.MaxValue, 100, CancellationToken.None);
        listed.Should().HaveCount(5);
        listed.Count(m => m.Artefact).Should().Be(1);
    }

    [Fact]
    public async Task Flagging_again_with_the_same_flag_moves_nothing()
    {
        await using var site = await Site.OpenAsync(_data.Path);
        var stored = Ward.Oximeter("p1", 0);
        await Ward.StoreAsync(site.Measurements, [stored]);
        var flag = new MeasurementFlag(stored.Measurement.MeasuredAt, "sensor-off", true);
        await site.Flags.FlagAsync(stored.PatientId, stored.DeviceId, [flag], CancellationToken.None);
        var last = (await site.Journal.ReadAfterAsync(0, 100, CancellationToken.None))[^1].Sequence;

        await site.Flags.FlagAsync(stored.PatientId, stored.DeviceId, [flag], CancellationToken.None);

        (await site.Journal.ReadAfterAsync(last, 100, CancellationToken.None)).Should().BeEmpty();
    }

    public void Dispose() => _data.Dispose();
}
