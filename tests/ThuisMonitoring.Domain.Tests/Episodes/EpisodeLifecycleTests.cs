using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Tests.Episodes;

/// <summary>The episode state machine: monitoring → weaning → ended, readmitted from any state; who, why and when recorded.</summary>
public sealed class EpisodeLifecycleTests
{
    private static readonly DateTimeOffset Now = SpotCheck.MorningRound;

    [Theory]
    [InlineData(EpisodeState.Monitoring, EpisodeState.Weaning, true)]
    [InlineData(EpisodeState.Monitoring, EpisodeState.Ended, true)]
    [InlineData(EpisodeState.Monitoring, EpisodeState.Readmitted, true)]
    [InlineData(EpisodeState.Monitoring, EpisodeState.Monitoring, false)]
    [InlineData(EpisodeState.Weaning, EpisodeState.Ended, true)]
    [InlineData(EpisodeState.Weaning, EpisodeState.Monitoring, true)]
    [InlineData(EpisodeState.Weaning, EpisodeState.Readmitted, true)]
    [InlineData(EpisodeState.Weaning, EpisodeState.Weaning, false)]
    [InlineData(EpisodeState.Ended, EpisodeState.Readmitted, true)]
    [InlineData(EpisodeState.Ended, EpisodeState.Monitoring, false)]
    [InlineData(EpisodeState.Ended, EpisodeState.Weaning, false)]
    [InlineData(EpisodeState.Ended, EpisodeState.Ended, false)]
    [InlineData(EpisodeState.Readmitted, EpisodeState.Monitoring, false)]
    [InlineData(EpisodeState.Readmitted, EpisodeState.Weaning, false)]
    [InlineData(EpisodeState.Readmitted, EpisodeState.Ended, false)]
    [InlineData(EpisodeState.Readmitted, EpisodeState.Readmitted, false)]
    public void Only_the_lifecycle_transitions_are_allowed(EpisodeState from, EpisodeState to, bool allowed)
    {
        var episode = In(from);

        var transition = () => episode.Transition(to, "dr.jansen", "reason", Now);

        if (allowed)
        {
            transition.Should().NotThrow().Which.Should().Be(new EpisodeTransition(from, to, "dr.jansen", "reason", Now));
            episode.State.Should().Be(to);
            episode.Transitions.Should().EndWith(new EpisodeTransition(from, to, "dr.jansen", "reason", Now));
        }
        else
        {
            transition.Should().Throw<EpisodeTransitionException>()
                .WithMessage($"The episode of patient-1 is {from.ToCode()} and cannot become {to.ToCode()}*");
            episode.State.Should().Be(from);
        }
    }

    [Fact]
    public void A_refused_transition_says_where_the_episode_can_go()
    {
        var ended = () => In(EpisodeState.Ended).Transition(EpisodeState.Weaning, "dr.jansen", "try", Now);
        var readmitted = () => In(EpisodeState.Readmitted).Transition(EpisodeState.Ended, "dr.jansen", "try", Now);

        ended.Should().Throw<EpisodeTransitionException>().WithMessage("*it can go to readmitted.");
        readmitted.Should().Throw<EpisodeTransitionException>().WithMessage("*it is final.");
    }

    [Fact]
    public void A_transition_needs_who_and_why()
    {
        var anonymous = () => In(EpisodeState.Monitoring).Transition(EpisodeState.Ended, " ", "stable", Now);

        anonymous.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void After_the_end_measurements_are_stored_but_raise_no_alerts_and_the_history_survives_a_restore()
    {
        var episode = In(EpisodeState.Monitoring);
        episode.Transition(EpisodeState.Weaning, "dr.jansen", "stable 24 h on 2 L/min", Now);
        episode.Transition(EpisodeState.Ended, "dr.jansen", "stable off oxygen 24 h", Now.AddDays(3));

        var update = episode.Record(SpotCheck.Of(spo2: 85), CovidOxygenProtocol.Default, Now.AddDays(4), () => "a-1");

        update.ChangedAlerts.Should().BeEmpty();
        episode.LastMeasurement!.Spo2.Should().Be(85);
        var restored = new Episode(episode.ToSnapshot());
        restored.Transitions.Select(t => t.To).Should().Equal(EpisodeState.Weaning, EpisodeState.Ended);
        restored.State.Should().Be(EpisodeState.Ended);
    }

    private static Episode In(EpisodeState state) => new(new EpisodeSnapshot(
        new Enrolment("patient-1", Pathway.EarlyDischarge, "dr.jansen", null, 2.0, null, Now.AddDays(-2)),
        state, 2.0, Level.Green, null, null, []));
}
