using System.Text.Json;
using System.Text.Json.Serialization;
using ThuisMonitoring.Domain.Calls;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Handovers;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Tests.Handovers;

/// <summary>The rule of a warm handover of responsibility, in the episode (CONTRACT section 7).</summary>
public sealed class CareHandoverTests
{
    private static readonly DateTimeOffset Start = SpotCheck.MorningRound;

    private static Episode NewEpisode() =>
        Episode.Start(new Enrolment("patient-1", Pathway.EarlyDischarge, "longarts", "ziekenhuis", 2.0, null, Start));

    [Fact]
    public void A_handover_changes_nothing_until_the_receiver_accepts_then_the_receiver_is_responsible()
    {
        var episode = NewEpisode();

        var pending = episode.RequestHandover("h-1", "longarts", "huisarts", "Stabiel", Start.AddDays(9));

        pending.IsPending.Should().BeTrue();
        episode.ResponsibleClinician.Should().Be("longarts");
        var (accepted, _) = episode.DecideHandover("h-1", accept: true, "huisarts", "Neem over", Start.AddDays(9).AddHours(2));
        accepted.Status.Should().Be(CareHandoverStatus.Accepted);
        accepted.DecisionNote.Should().Be("Neem over");
        episode.ResponsibleClinician.Should().Be("huisarts");
        episode.Timeline.Entries.Select(e => e.Kind).Should().Contain(["care-handover-requested", "care-handover-accepted"]);
    }

    [Fact]
    public void Only_the_receiver_decides_once_and_only_the_responsible_clinician_hands_over_one_at_a_time()
    {
        var episode = NewEpisode();
        var byOther = () => episode.RequestHandover("h-0", "collega", "huisarts", null, Start);
        byOther.Should().Throw<CareHandoverException>();
        var toSelf = () => episode.RequestHandover("h-0", "longarts", "LONGARTS", null, Start);
        toSelf.Should().Throw<CareHandoverException>();
        episode.RequestHandover("h-1", "longarts", "huisarts", null, Start);
        var second = () => episode.RequestHandover("h-2", "longarts", "andere-huisarts", null, Start);
        second.Should().Throw<CareHandoverException>("one handover waits at a time");

        var bySender = () => episode.DecideHandover("h-1", true, "longarts", null, Start);
        bySender.Should().Throw<CareHandoverException>();
        episode.DecideHandover("h-1", false, "Huisarts", "Geen plek", Start).Handover.Status.Should().Be(CareHandoverStatus.Declined);
        var again = () => episode.DecideHandover("h-1", true, "huisarts", null, Start);
        again.Should().Throw<CareHandoverException>();
        episode.ResponsibleClinician.Should().Be("longarts", "a declined handover leaves the sender responsible");
    }

    [Fact]
    public void An_ended_episode_has_no_responsibility_left_to_hand_over()
    {
        var episode = NewEpisode();
        episode.Transition(EpisodeState.Ended, "longarts", "hersteld", Start.AddDays(3));

        var request = () => episode.RequestHandover("h-1", "longarts", "huisarts", null, Start.AddDays(3));

        request.Should().Throw<CareHandoverException>();
    }

    [Fact]
    public void Escalations_go_to_the_sender_before_and_to_the_receiver_after_and_a_waiting_one_follows()
    {
        var episode = NewEpisode();
        var measured = Start.AddHours(1);
        var alert = episode.Record(SpotCheck.Of(spo2: 87, measuredAt: measured), CovidOxygenProtocol.Default, measured, () => "a-1").ChangedAlerts.Single();
        episode.RequestHandover("h-1", "longarts", "huisarts", null, measured);

        var before = episode.RecordCall(alert.AlertId, new CallReport("vpk", CallOutcome.Escalated, null, []), CovidOxygenProtocol.Default, measured, () => "c-1");
        before.Escalation!.To.Should().Be("longarts");
        var (_, changed) = episode.DecideHandover("h-1", true, "huisarts", null, measured.AddMinutes(5));

        changed.Should().ContainSingle().Which.Escalation!.To.Should().Be("huisarts", "the waiting escalation follows the responsibility");
        var second = episode.Record(SpotCheck.Of(heartRate: 135, measuredAt: measured.AddMinutes(10)), CovidOxygenProtocol.Default, measured.AddMinutes(10), () => "a-2").ChangedAlerts;
        second.Should().NotBeEmpty();
    }

    [Fact]
    public void Handovers_survive_the_snapshot_round_trip()
    {
        var episode = NewEpisode();
        episode.RequestHandover("h-1", "longarts", "huisarts", "notitie", Start);
        episode.DecideHandover("h-1", true, "huisarts", null, Start.AddHours(1));
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) } };

        var back = new Episode(JsonSerializer.Deserialize<EpisodeSnapshot>(JsonSerializer.Serialize(episode.ToSnapshot(), options), options)!);

        back.ResponsibleClinician.Should().Be("huisarts");
        back.Handovers.Should().ContainSingle().Which.Status.Should().Be(CareHandoverStatus.Accepted);
    }
}
