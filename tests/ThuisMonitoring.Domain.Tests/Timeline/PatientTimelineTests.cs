using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using ThuisMonitoring.Domain.Calls;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Domain.Timeline;

namespace ThuisMonitoring.Domain.Tests.Timeline;

/// <summary>Every step taken with a patient lands in their timeline, in order, with who did it.</summary>
public sealed class PatientTimelineTests
{
    private readonly FakeTimeProvider _time = new(SpotCheck.MorningRound);
    private readonly Episode _episode;

    public PatientTimelineTests() => _episode = Episode.Start(new Enrolment(
        "patient-1", Pathway.GeneralPractice, "dr.jansen", "Ziekenhuis Noord", 2.0, null, SpotCheck.MorningRound));

    [Fact]
    public void An_alert_worked_from_raise_to_the_clinician_taking_over_is_told_step_by_step()
    {
        var alertId = RaiseRed();
        Step();
        _episode.Alerts.Claim(alertId, "nurse.anna", _time.GetUtcNow());
        Step();
        _episode.RecordCall(alertId, new CallReport("nurse.anna", CallOutcome.Escalated, "sat 86 na hermeting",
            [new CallAnswer("hermeting", "86")]), CovidOxygenProtocol.Default, _time.GetUtcNow(), () => "call-1");
        Step();
        _episode.Alerts.AcceptEscalation(alertId, "dr.jansen", "komt naar SEH", _time.GetUtcNow());

        _episode.Timeline.Entries.Select(e => (e.Kind, e.By)).Should().Equal(
            (TimelineKinds.AlertRaised, null),
            (TimelineKinds.AlertClaimed, "nurse.anna"),
            (TimelineKinds.AlertAcknowledged, "nurse.anna"),
            (TimelineKinds.Call, "nurse.anna"),
            (TimelineKinds.Escalated, "nurse.anna"),
            (TimelineKinds.EscalationAccepted, "dr.jansen"),
            (TimelineKinds.AlertResolved, "dr.jansen"));
        var call = _episode.Timeline.Entries.Single(e => e.Kind == TimelineKinds.Call);
        call.Text.Should().Be("sat 86 na hermeting");
        call.Details.Should().Contain("outcome", "escalated").And.Contain("answer.hermeting", "86");
        call.AlertId.Should().Be(alertId);
        _episode.Timeline.Entries.Select(e => e.At).Should().BeInAscendingOrder();
    }

    [Fact]
    public void Release_hand_over_and_re_escalation_are_in_the_timeline()
    {
        var alertId = RaiseRed();
        _episode.Alerts.Claim(alertId, "nurse.anna", _time.GetUtcNow());
        _episode.Alerts.HandOver(alertId, "nurse.anna", "nurse.bram", _time.GetUtcNow());
        _episode.Alerts.Unclaim(alertId, "nurse.bram", _time.GetUtcNow());
        _time.Advance(TimeSpan.FromMinutes(5));
        _episode.ReEscalateUnclaimed(CovidOxygenProtocol.Default, _time.GetUtcNow());

        _episode.Timeline.Entries.Select(e => e.Kind).Should().Equal(
            TimelineKinds.AlertRaised, TimelineKinds.AlertClaimed, TimelineKinds.AlertHandedOver, TimelineKinds.AlertReleased,
            TimelineKinds.ReEscalated);
        _episode.Timeline.Entries.Single(e => e.Kind == TimelineKinds.AlertHandedOver).Details.Should().Contain("to", "nurse.bram");
    }

    [Fact]
    public void Notes_oxygen_changes_and_episode_transitions_are_in_the_timeline()
    {
        _episode.AddNote("nurse.anna", "  Dochter is vanavond bij patiënt. ", _time.GetUtcNow());
        _episode.ChangeOxygenFlow(1.5, _time.GetUtcNow(), "dr.jansen");
        _episode.Transition(EpisodeState.Weaning, "dr.jansen", "stabiel, afbouwen", _time.GetUtcNow());

        _episode.Timeline.Entries.Should().SatisfyRespectively(
            note => note.Should().BeEquivalentTo(new { Kind = TimelineKinds.Note, By = "nurse.anna", Text = "Dochter is vanavond bij patiënt." }),
            oxygen => oxygen.Details.Should().Contain("from", "2").And.Contain("to", "1.5"),
            state => state.Should().BeEquivalentTo(new { Kind = TimelineKinds.EpisodeState, Text = "stabiel, afbouwen" }));
    }

    [Fact]
    public void Repeats_of_a_reason_do_not_fill_the_timeline()
    {
        RaiseRed();
        RaiseRed();
        RaiseRed();

        _episode.Timeline.Entries.Should().ContainSingle(e => e.Kind == TimelineKinds.AlertRaised);
        _episode.Timeline.Entries.Should().HaveCount(1);
    }

    [Fact]
    public void The_timeline_survives_the_snapshot()
    {
        var alertId = RaiseRed();
        _episode.Alerts.Claim(alertId, "nurse.anna", _time.GetUtcNow());
        _episode.AddNote("nurse.anna", "teruggebeld", _time.GetUtcNow());

        var json = JsonSerializer.Serialize(_episode.ToSnapshot());
        var restored = new Episode(JsonSerializer.Deserialize<EpisodeSnapshot>(json)!);

        restored.Timeline.Entries.Should().BeEquivalentTo(_episode.Timeline.Entries);
        restored.Alerts.Claim(alertId, "nurse.anna", _time.GetUtcNow());
        restored.Alerts.Unclaim(alertId, "nurse.anna", _time.GetUtcNow());
        restored.Timeline.Entries[^1].Kind.Should().Be(TimelineKinds.AlertReleased);
    }

    [Fact]
    public void Nothing_is_cut_entries_wait_in_the_episode_until_the_host_stored_them()
    {
        var timeline = new PatientTimeline();
        for (var i = 0; i < 2_010; i++)
        {
            timeline.Add(SpotCheck.MorningRound.AddMinutes(i), TimelineKinds.Note, "nurse.anna", text: $"note {i}");
        }

        timeline.Entries.Should().HaveCount(2_010, "the timeline store keeps them all; the episode never drops one");
        timeline.Entries[0].Text.Should().Be("note 0");

        var stored = timeline.Entries.Take(2_000).ToList();
        timeline.Add(SpotCheck.MorningRound.AddDays(3), TimelineKinds.Note, "nurse.anna", text: "added while the store was written");
        timeline.MarkStored(stored);

        timeline.Entries.Select(e => e.Text).Should().Equal(
            Enumerable.Range(2_000, 10).Select(i => $"note {i}").Append("added while the store was written"));
    }

    [Fact]
    public void The_snapshot_holds_only_the_entries_not_yet_stored()
    {
        var alertId = RaiseRed();
        _episode.Timeline.MarkStored(_episode.Timeline.Entries.ToList());
        _episode.Alerts.Claim(alertId, "nurse.anna", _time.GetUtcNow());

        var snapshot = _episode.ToSnapshot();

        snapshot.Timeline.Should().BeNull("the whole timeline is in the store");
        snapshot.UnstoredTimeline.Should().ContainSingle().Which.Kind.Should().Be(TimelineKinds.AlertClaimed);
    }

    [Fact]
    public void A_snapshot_saved_with_the_whole_timeline_inside_reads_it_as_not_yet_stored()
    {
        var alertId = RaiseRed();
        _episode.AddNote("nurse.anna", "teruggebeld", _time.GetUtcNow());
        var entries = _episode.Timeline.Entries.ToList();
        var old = _episode.ToSnapshot() with { Timeline = entries, UnstoredTimeline = null };

        var restored = new Episode(old);
        restored.Alerts.Claim(alertId, "nurse.anna", _time.GetUtcNow());

        restored.Timeline.Entries.Take(entries.Count).Should().BeEquivalentTo(entries, options => options.WithStrictOrdering());
        restored.Timeline.Entries[^1].Kind.Should().Be(TimelineKinds.AlertClaimed);
        restored.ToSnapshot().Timeline.Should().BeNull();
        restored.ToSnapshot().UnstoredTimeline.Should().HaveCount(entries.Count + 1);
    }

    private void Step() => _time.Advance(TimeSpan.FromMinutes(1));

    private string RaiseRed() =>
        _episode.Record(SpotCheck.Of(spo2: 88, measuredAt: _time.GetUtcNow()), CovidOxygenProtocol.Default, _time.GetUtcNow(), () => "alert-1")
            .ChangedAlerts.Single().AlertId;
}
