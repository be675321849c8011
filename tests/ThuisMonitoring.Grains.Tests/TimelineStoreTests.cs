using System.Text.Json;
using Orleans.Storage;
using ThuisMonitoring.Grains.Contracts;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Timeline;
using ThuisMonitoring.Grains.Patients;
using ThuisMonitoring.Grains.Tests.Cluster;
using ThuisMonitoring.Storage;

namespace ThuisMonitoring.Grains.Tests;

/// <summary>
/// The timeline lives in the append-only timeline store, not in the episode snapshot: a long episode keeps every
/// entry and a snapshot of the same size; entries are appended exactly once across crashes; snapshots saved with the
/// whole timeline inside move it to the store on their next activation.
/// </summary>
[Collection(PatientGrainCollection.Name)]
public sealed class TimelineStoreTests(PatientGrainCluster silo)
{
    [Fact]
    public async Task A_long_episode_keeps_every_entry_in_order_and_its_snapshot_does_not_grow()
    {
        var (patientId, grain) = await EnrolAsync("long");
        var sizes = new List<int>();
        for (var i = 0; i < 2_600; i++)
        {
            await grain.AddNote("nurse.bakker", $"note {i:D5}");
            if (i % 10 == 9)
            {
                silo.Clock.Advance(TimeSpan.FromMinutes(1));
            }

            if (i is 9 or 2_599)
            {
                sizes.Add(JsonSerializer.Serialize(await silo.SavedEpisodeAsync(grain), StoredJson.Options).Length);
            }
        }

        var timeline = await grain.GetTimeline();
        timeline.Select(e => e.Text).Should().Equal(Enumerable.Range(0, 2_600).Select(i => $"note {i:D5}"), "nothing is cut, in the order they were written");
        (await silo.Timeline.ReadAsync(patientId, new TimelineQuery(NewestFirst: true, Limit: 1), CancellationToken.None))
            .Entries.Single().Text.Should().Be("note 02599");
        var newestFirst = await grain.GetTimelinePage(new TimelineQuery(NewestFirst: true, After: timeline[100].EntryId, Limit: 3));
        newestFirst.Entries.Select(e => e.Text).Should().Equal("note 00099", "note 00098", "note 00097");
        sizes[1].Should().BeLessThanOrEqualTo(sizes[0], "the snapshot holds only the entries of its own save, however long the episode runs");
        (await silo.SavedEpisodeAsync(grain))!.UnstoredTimeline.Should().HaveCountLessThanOrEqualTo(1);
    }

    [Fact]
    public async Task Entries_saved_in_the_snapshot_but_appended_only_partly_before_a_crash_land_exactly_once()
    {
        var (patientId, grain) = await EnrolAsync("crash");
        var stored = await grain.AddNote("nurse.bakker", "voor de crash opgeslagen");
        await silo.Cluster.DeactivateAsync(grain);

        // As a crash leaves it: the last save held three entries; one was appended by an earlier try, one by the save's
        // own append, which the crash cut short before the third.
        var appended = Note("na de save toegevoegd", 1);
        var lost = Note("na de save niet meer toegevoegd", 2);
        await silo.Timeline.AppendAsync(patientId, [appended], CancellationToken.None);
        await RewriteSnapshotAsync(grain, snapshot => snapshot with { UnstoredTimeline = [stored, appended, lost] });

        var afterCrash = await grain.GetTimeline();
        await silo.Cluster.DeactivateAsync(grain);
        var afterAnotherActivation = await grain.GetTimeline();

        afterCrash.Select(e => e.EntryId).Should().Equal(stored.EntryId, appended.EntryId, lost.EntryId);
        afterAnotherActivation.Should().BeEquivalentTo(afterCrash, o => o.WithStrictOrdering(), "appending again inserts nothing");
    }

    [Fact]
    public async Task A_snapshot_saved_with_the_whole_timeline_inside_moves_it_to_the_store_once()
    {
        var (patientId, grain) = await EnrolAsync("legacy");
        await silo.Cluster.DeactivateAsync(grain);
        var old = Enumerable.Range(0, 2_000).Select(i => Note($"oud {i:D4}", i)).ToList();
        await RewriteSnapshotAsync(grain, snapshot => snapshot with { Timeline = old, UnstoredTimeline = null });

        var added = await grain.AddNote("nurse.bakker", "na de omzetting");
        var saved = await silo.SavedEpisodeAsync(grain);
        await silo.Cluster.DeactivateAsync(grain);
        var timeline = await grain.GetTimeline();

        saved!.Timeline.Should().BeNull("the old timeline left the snapshot");
        saved.UnstoredTimeline.Should().HaveCountLessThanOrEqualTo(1);
        timeline.Select(e => e.EntryId).Should().Equal(old.Select(e => e.EntryId).Append(added.EntryId), "each old entry once, in its order, then the new one");
        timeline[1_500].Should().BeEquivalentTo(old[1_500]);
        (await silo.Timeline.ReadAsync(patientId, new TimelineQuery(NewestFirst: true, Limit: 1), CancellationToken.None)).Entries.Single().EntryId.Should().Be(added.EntryId);
    }

    [Fact]
    public async Task Alert_steps_are_read_from_the_store_after_the_grain_saved_them()
    {
        var (patientId, grain) = await EnrolAsync("alert-steps");
        await grain.Record([Ward.Spo2(88, silo.Clock.GetUtcNow())], DeviceKind.Oximeter);

        var page = await silo.Timeline.ReadAsync(patientId, new TimelineQuery(Kinds: [TimelineKinds.AlertRaised]), CancellationToken.None);

        page.Entries.Should().ContainSingle().Which.AlertId.Should().Be((await grain.GetEpisode())!.Alerts.Single().AlertId);
        (await grain.GetEpisode())!.UnstoredTimeline.Should().BeEmpty("stored entries leave the episode");
    }

    private async Task<(string PatientId, IPatientGrain Grain)> EnrolAsync(string purpose)
    {
        var patientId = Ward.NewPatientId(purpose);
        var grain = silo.Patient(patientId);
        await grain.Enrol(Ward.EarlyDischarge(patientId, silo.Clock.GetUtcNow()));
        return (patientId, grain);
    }

    private TimelineEntry Note(string text, int second)
    {
        var at = silo.Clock.GetUtcNow().AddSeconds(second);
        return new TimelineEntry(Guid.CreateVersion7(at).ToString("N"), at, TimelineKinds.Note, "nurse.bakker", null, text);
    }

    /// <summary>Changes the saved episode behind the grain's back (the grain must not be active).</summary>
    private async Task RewriteSnapshotAsync(IPatientGrain grain, Func<EpisodeSnapshot, EpisodeSnapshot> change)
    {
        var saved = new GrainState<PatientGrainState>(new PatientGrainState());
        await silo.EpisodeStorage.ReadStateAsync(PatientGrainCluster.PatientGrainStateName, grain.GetGrainId(), saved);
        saved.State = saved.State! with { Snapshot = change(saved.State.Snapshot!) };
        await silo.EpisodeStorage.WriteStateAsync(PatientGrainCluster.PatientGrainStateName, grain.GetGrainId(), saved);
    }
}
