using Microsoft.Extensions.DependencyInjection;
using ThuisMonitoring.Abstractions.Stores;

namespace ThuisMonitoring.Storage.Tests;

/// <summary>
/// Warm-up and artefact flags on stored measurements, for the embedded file and for the cluster's PostgreSQL: the
/// flagged row is read again at the end of the journal (so the forwarder rewrites its point), once.
/// </summary>
public abstract class MeasurementFlagsContract(IStoreSite site) : StoreContract(site)
{
    [Fact]
    public async Task A_flagged_measurement_is_read_again_at_the_end_of_the_journal_with_its_flag_once()
    {
        await using var stores = await OpenAsync();
        var readings = Enumerable.Range(0, 3).Select(i => Ward.Reading($"m-{i}", Ward.MorningRound.AddSeconds(i))).ToList();
        foreach (var reading in readings)
        {
            await stores.Measurements.AppendAsync(reading, default);
        }

        var read = await stores.Journal.ReadAfterAsync(0, 10, default);
        var flags = stores.Services.GetRequiredService<IMeasurementFlags>();

        await flags.FlagAsync("p-001", "oxi-001", [new MeasurementFlag(Ward.MorningRound.AddSeconds(1), "sensor-off", Artefact: true)], default);
        await flags.FlagAsync("p-001", "oxi-001", [new MeasurementFlag(Ward.MorningRound.AddSeconds(1), "sensor-off", Artefact: true)], default);
        await flags.FlagAsync("p-001", "oxi-002", [new MeasurementFlag(Ward.MorningRound, "warm-up", Artefact: false)], default);
        await flags.FlagAsync("p-002", "oxi-001", [new MeasurementFlag(Ward.MorningRound, "warm-up", Artefact: false)], default);

        var again = await stores.Journal.ReadAfterAsync(read[^1].Sequence, 10, default);
        again.Should().ContainSingle("flagging the same row twice moves it once; another device's or another patient's instant matches nothing");
        again[0].Stored.Should().Be(readings[1] with { Artefact = true, Flag = "sensor-off" });
        (await stores.Journal.ReadAfterAsync(0, 10, default)).Select(s => s.Stored.Measurement.MessageId).Should().Equal("m-0", "m-2", "m-1");
    }

    [Fact]
    public async Task A_warm_up_flag_is_kept_without_marking_an_artefact()
    {
        await using var stores = await OpenAsync();
        await stores.Measurements.AppendAsync(Ward.Reading("m-0"), default);

        await stores.Services.GetRequiredService<IMeasurementFlags>().FlagAsync("p-001", "oxi-001", [new MeasurementFlag(Ward.MorningRound, "warm-up", Artefact: false)], default);

        (await stores.Journal.ReadAfterAsync(0, 10, default)).Should().ContainSingle().Which.Stored.Should().Be(Ward.Reading("m-0") with { Flag = "warm-up" });
    }

    [Fact]
    public async Task Flags_while_many_devices_append_are_all_applied_and_every_measurement_is_stored_once()
    {
        await using var stores = await OpenAsync();
        var flags = stores.Services.GetRequiredService<IMeasurementFlags>();
        const int Devices = 20, Readings = 25;

        // Each device appends its readings and flags each one as soon as it is stored, as the grains do: flags and
        // appends from many callers at once, all through the store's one writer.
        await Task.WhenAll(Enumerable.Range(0, Devices).Select(device => Task.Run(async () =>
        {
            for (var i = 0; i < Readings; i++)
            {
                var at = Ward.MorningRound.AddSeconds(i);
                (await stores.Measurements.AppendAsync(Ward.Reading($"d{device}-{i}", at, deviceId: $"oxi-{device}"), default)).Should().BeTrue();
                await flags.FlagAsync("p-001", $"oxi-{device}", [new MeasurementFlag(at, "warm-up", Artefact: false)], default);
            }
        })));

        var journal = await stores.Journal.ReadAfterAsync(0, 10_000, default);
        journal.Should().HaveCount(Devices * Readings, "a flag moves its row; it never copies or loses one");
        journal.Should().OnlyContain(s => s.Stored.Flag == "warm-up");
        journal.Select(s => s.Sequence).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
    }
}

public sealed class SqliteMeasurementFlagsTests() : MeasurementFlagsContract(new SqliteSite());

[Collection(PostgresCollection.Name)]
public sealed class PostgresMeasurementFlagsTests(PostgresCluster cluster) : MeasurementFlagsContract(new PostgresSite(cluster));
