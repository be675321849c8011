using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Privacy;
using ThuisMonitoring.Domain.Timeline;

namespace ThuisMonitoring.Domain.Tests.Privacy;

/// <summary>Withdrawing consent: recorded, once, and it ends an active episode.</summary>
public sealed class ConsentTests
{
    private static readonly DateTimeOffset Now = SpotCheck.MorningRound;

    [Fact]
    public void Consent_is_withdrawn_once_with_who_and_why()
    {
        var consent = new Consent(Consent.Telemonitoring, Now.AddDays(-3), "nurse.a");

        var withdrawn = consent.Withdraw("nurse.b", "  wil stoppen ", Now);

        withdrawn.IsWithdrawn.Should().BeTrue();
        withdrawn.WithdrawnBy.Should().Be("nurse.b");
        withdrawn.WithdrawalReason.Should().Be("wil stoppen");
        withdrawn.Invoking(c => c.Withdraw("nurse.b", null, Now)).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Withdrawal_ends_an_active_episode_and_is_in_the_timeline()
    {
        var episode = Episode.Start(new Enrolment("patient-1", Pathway.EarlyDischarge, "dr.jansen", null, 2.0, null, Now.AddDays(-2)));

        var transition = episode.WithdrawConsent("nurse.a", "wil stoppen", Now);

        episode.State.Should().Be(EpisodeState.Ended);
        transition!.Reason.Should().Contain("consent withdrawn");
        episode.Timeline.Entries.Should().Contain(e => e.Kind == TimelineKinds.ConsentWithdrawn && e.By == "nurse.a" && e.Text == "wil stoppen");
        episode.WithdrawConsent("nurse.a", null, Now).Should().BeNull("an ended episode stays ended");
    }
}
