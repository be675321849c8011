using ThuisMonitoring.Abstractions.Privacy;
using Microsoft.Extensions.DependencyInjection;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Advice;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Patients;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Storage.Tests;

/// <summary>
/// The overview's read model (issue 14), for the embedded file and for the cluster's PostgreSQL: a summary is read
/// back whole, across a restart; a later one replaces it, an older copy does not; filling in a missing one never
/// overwrites; the erasure removes it (its own part, <c>summaries</c>, for the embedded file; the directory's in PostgreSQL).
/// </summary>
public abstract class PatientSummariesContract(IStoreSite site) : StoreContract(site)
{
    [Fact]
    public async Task A_summary_is_read_back_whole_after_a_restart_with_its_last_values_open_advice_and_schedule()
    {
        var summary = Summary("p-001", Ward.MorningRound.AddMinutes(31));
        await using (var stores = await OpenAsync())
        {
            await Summaries(stores).SaveAsync(summary, default);
            await Summaries(stores).SaveAsync(Summary("p-002", Ward.MorningRound), default);
        }

        await using var restarted = await OpenAsync();
        var read = await Summaries(restarted).GetAsync("p-001", default);
        read.Should().BeEquivalentTo(summary);
        read!.Level.Should().Be(Level.Red);
        read.LastMeasurement!.MessageId.Should().Be("m-2");
        read.LastMeasurement.MeasuredAt.Offset.Should().Be(Ward.Amsterdam);
        read.Schedule.Should().Be(summary.Schedule);
        read.NextMeasurementDue(Ward.MorningRound.AddMinutes(40)).Should().Be(summary.NextMeasurementDue(Ward.MorningRound.AddMinutes(40)));
        (await Summaries(restarted).ListAsync(default)).Keys.Should().BeEquivalentTo(["p-001", "p-002"]);
        (await Summaries(restarted).GetAsync("p-003", default)).Should().BeNull();
    }

    [Fact]
    public async Task A_later_summary_replaces_the_stored_one_and_an_older_copy_or_a_fill_in_does_not()
    {
        await using var stores = await OpenAsync();
        var first = Summary("p-001", Ward.MorningRound);
        var later = first with { State = EpisodeState.Ended, WrittenAt = Ward.MorningRound.AddMinutes(5) };
        await Summaries(stores).SaveAsync(first, default);
        await Summaries(stores).SaveAsync(later, default);
        await Summaries(stores).SaveAsync(first with { OxygenFlow = 9 }, default);
        await Summaries(stores).AddMissingAsync(later with { OxygenFlow = 7, WrittenAt = Ward.MorningRound.AddHours(1) }, default);

        var read = (await Summaries(stores).GetAsync("p-001", default))!;
        read.State.Should().Be(EpisodeState.Ended);
        read.OxygenFlow.Should().Be(first.OxygenFlow);

        await Summaries(stores).AddMissingAsync(Summary("p-002", Ward.MorningRound), default);
        (await Summaries(stores).GetAsync("p-002", default)).Should().NotBeNull("a missing summary is filled in");
    }

    [Fact]
    public async Task The_erasure_removes_the_patients_summary_and_no_other()
    {
        await using var stores = await OpenAsync();
        await Summaries(stores).SaveAsync(Summary("p-001", Ward.MorningRound), default);
        await Summaries(stores).SaveAsync(Summary("p-002", Ward.MorningRound), default);

        var erasure = stores.Services.GetServices<IPatientErasure>().FirstOrDefault(e => e.Store == "summaries") ?? PatientErasure.DirectoryOf(stores);
        (await erasure.EraseAsync("p-001", default)).Should().BePositive();

        (await Summaries(stores).GetAsync("p-001", default)).Should().BeNull();
        (await Summaries(stores).ListAsync(default)).Keys.Should().Equal("p-002");
    }

    [Fact]
    public async Task A_list_read_before_changes_shows_them_after_a_save_a_fill_in_an_ignored_older_copy_and_an_erasure()
    {
        await using var stores = await OpenAsync();
        var first = Summary("p-001", Ward.MorningRound);
        await Summaries(stores).SaveAsync(first, default);
        await Summaries(stores).SaveAsync(Summary("p-002", Ward.MorningRound), default);
        (await Summaries(stores).ListAsync(default)).Keys.Should().BeEquivalentTo(["p-001", "p-002"]);

        var later = first with { State = EpisodeState.Ended, WrittenAt = Ward.MorningRound.AddMinutes(5) };
        await Summaries(stores).SaveAsync(later, default);
        await Summaries(stores).SaveAsync(first with { OxygenFlow = 9 }, default);
        await Summaries(stores).AddMissingAsync(Summary("p-003", Ward.MorningRound), default);
        await Summaries(stores).AddMissingAsync(later with { OxygenFlow = 7, WrittenAt = Ward.MorningRound.AddHours(1) }, default);
        var erasure = stores.Services.GetServices<IPatientErasure>().FirstOrDefault(e => e.Store == "summaries") ?? PatientErasure.DirectoryOf(stores);
        await erasure.EraseAsync("p-002", default);

        var listed = await Summaries(stores).ListAsync(default);
        listed.Keys.Should().BeEquivalentTo(["p-001", "p-003"]);
        listed["p-001"].Should().BeEquivalentTo(later, "the later save shows, the older copy and the fill-in of a patient with a summary do not");
        (await Summaries(stores).GetAsync("p-001", default)).Should().BeEquivalentTo(later);
        (await Summaries(stores).GetAsync("p-002", default)).Should().BeNull("the erased patient's summary is gone from the list and from a single read");
        (await Summaries(stores).GetAsync("p-003", default)).Should().NotBeNull();
    }

    private static PatientSummary Summary(string patientId, DateTimeOffset writtenAt)
    {
        var summary = PatientSummary.Of(patientId, new Episode(Ward.EpisodeWithAlerts()), CovidOxygenProtocol.Default, writtenAt);
        var review = new ClinicalAdvice("advice-1", AdviceKind.ClinicalReview, "spo2-low", "Beoordeling door de arts", AdviceEvidence.None, null, Ward.MorningRound.AddMinutes(31));
        return summary with { OpenAdvice = [review] };
    }

    private static IPatientSummaries Summaries(IStores stores) => stores.Services.GetRequiredService<IPatientSummaries>();
}

public sealed class SqlitePatientSummariesTests() : PatientSummariesContract(new SqliteSite());

[Collection(PostgresCollection.Name)]
public sealed class PostgresPatientSummariesTests(PostgresCluster cluster) : PatientSummariesContract(new PostgresSite(cluster));
