using Microsoft.Extensions.Time.Testing;
using ThuisMonitoring.Domain.Advice;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.History;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Tests.Advice;

/// <summary>
/// PROTOCOL.md sections 6 and 7: weaning, end of monitoring and review advice to the responsible clinician. Measurements
/// are spot checks every 6 h on a FakeTimeProvider.
/// </summary>
public sealed class AdviceRulesTests
{
    private static readonly DateTimeOffset Enrolled = SpotCheck.MorningRound;
    private readonly FakeTimeProvider _time = new(Enrolled);

    [Theory]
    [InlineData(94, 20, 12, true)]
    [InlineData(93, 20, 12, false)]
    [InlineData(94, 21, 12, false)]
    [InlineData(94, 20, 11, false)]
    [InlineData(99, 12, 24, true)]
    public void Lower_the_flow_when_every_measurement_of_at_least_12_hours_on_it_is_94_or_more_with_rate_at_most_20(
        int spo2, int respiratoryRate, int hoursOnFlow, bool expected)
    {
        var history = SpotChecks(2.0, hoursOnFlow, spo2, respiratoryRate);

        var advice = Propose(history, flow: 2.0, hoursOnFlow);

        if (expected)
        {
            var lower = advice.Should().ContainSingle(a => a.Kind == AdviceKind.LowerOxygenFlow).Subject;
            lower.ProposedFlow.Should().Be(1.5);
            lower.Reason.Should().Be("stable-on-current-flow");
            lower.Evidence.Should().NotBeEmpty().And.OnlyContain(r => r.Spo2 >= 94);
            lower.Summary.Should().Contain("re-measure after 20 minutes");
        }
        else
        {
            advice.Should().NotContain(a => a.Kind == AdviceKind.LowerOxygenFlow);
        }
    }

    [Theory]
    [InlineData(Level.Orange)]
    [InlineData(Level.Red)]
    public void An_orange_or_red_evaluation_on_the_flow_holds_weaning_back(Level level)
    {
        var history = SpotChecks(2.0, 24, 96, 16);
        var spoiled = history.Records.Select((r, i) => i == 1 ? r with { Level = level } : r)
            .Aggregate(VitalHistory.Empty, (h, r) => h.Add(r, TimeSpan.FromDays(2)));

        Propose(spoiled, flow: 2.0, 24).Should().NotContain(a => a.Kind == AdviceKind.LowerOxygenFlow);
    }

    [Theory]
    [InlineData(3.0, 2.5)]
    [InlineData(1.0, 0.5)]
    [InlineData(0.5, 0.0)]
    public void Each_step_is_half_a_litre_and_at_half_a_litre_the_advice_is_to_stop(double flow, double proposed)
    {
        var advice = Propose(SpotChecks(flow, 24, 96, 16), flow, 24);

        advice.Single(a => a.Kind == AdviceKind.LowerOxygenFlow).ProposedFlow.Should().Be(proposed);
    }

    [Theory]
    [InlineData(94, 24, true)]
    [InlineData(93, 24, false)]
    [InlineData(96, 23, false)]
    [InlineData(96, 48, true)]
    public void End_monitoring_when_off_oxygen_with_spo2_of_94_or_more_for_24_hours(int spo2, int hoursOffOxygen, bool expected)
    {
        var advice = Propose(SpotChecks(0, hoursOffOxygen, spo2, 16), flow: 0, hoursOffOxygen, previousFlow: 0.5);

        advice.Any(a => a.Kind == AdviceKind.EndMonitoring && a.Reason == "stable-off-oxygen").Should().Be(expected);
        advice.Should().NotContain(a => a.Kind == AdviceKind.LowerOxygenFlow, "there is no flow left to lower");
    }

    [Theory]
    [InlineData(2.0, 2.5, true)]
    [InlineData(2.5, 2.0, false)]
    public void Clinical_review_when_the_flow_had_to_go_up(double previousFlow, double flow, bool expected)
    {
        var advice = Propose(SpotChecks(flow, 2, 95, 18), flow, 2, previousFlow);

        advice.Any(a => a.Kind == AdviceKind.ClinicalReview && a.Reason == "oxygen-need-rising").Should().Be(expected);
    }

    [Theory]
    [InlineData(91, 3.0, true)]
    [InlineData(92, 3.0, false)]
    [InlineData(91, 2.5, false)]
    public void Clinical_review_when_spo2_is_below_92_on_the_maximum_home_flow(int spo2, double flow, bool expected)
    {
        var advice = Propose(SpotChecks(flow, 1, spo2, 18), flow, 30);

        advice.Any(a => a.Kind == AdviceKind.ClinicalReview && a.Reason == "spo2-low-on-maximum-flow").Should().Be(expected);
    }

    [Theory]
    [InlineData(Pathway.EarlyDischarge, 9.9, false, false)]
    [InlineData(Pathway.EarlyDischarge, 10, true, false)]
    [InlineData(Pathway.EarlyDischarge, 14, true, true)]
    [InlineData(Pathway.GeneralPractice, 10, false, false)]
    [InlineData(Pathway.GeneralPractice, 13.9, false, false)]
    [InlineData(Pathway.GeneralPractice, 14, false, true)]
    public void Day_10_after_early_discharge_asks_a_responsibility_review_and_day_14_an_episode_review(
        Pathway pathway, double days, bool responsibility, bool episodeReview)
    {
        var now = Enrolled.AddDays(days);
        var facts = new AdviceFacts(VitalHistory.Empty, 2.0, Enrolled, null, pathway, Enrolled);

        var advice = AdviceRules.Propose(facts, CovidOxygenProtocol.Default, now);

        advice.Any(a => a.Kind == AdviceKind.ResponsibilityReview).Should().Be(responsibility);
        advice.Any(a => a.Kind == AdviceKind.EpisodeReview && a.Reason == "episode-review").Should().Be(episodeReview);
    }

    [Fact]
    public void The_episode_proposes_advice_once_records_the_decision_and_never_changes_the_prescription()
    {
        var episode = Episode.Start(new Enrolment("patient-1", Pathway.EarlyDischarge, "dr.jansen", null, 2.0, null, Enrolled));
        for (var hours = 0; hours <= 24; hours += 6)
        {
            _time.SetUtcNow(Enrolled.AddHours(hours));
            episode.Record(SpotCheck.Of(spo2: 96, respiratoryRate: 16, measuredAt: _time.GetUtcNow()), CovidOxygenProtocol.Default, _time.GetUtcNow(), () => "a");
        }

        var ids = 0;
        var proposed = episode.Advise(CovidOxygenProtocol.Default, _time.GetUtcNow(), () => $"advice-{++ids}");
        episode.Advise(CovidOxygenProtocol.Default, _time.GetUtcNow(), () => $"advice-{++ids}").Should().BeEmpty("it is still open");

        var advice = proposed.Should().ContainSingle().Subject;
        var decided = episode.DecideAdvice(advice.AdviceId, accept: true, "dr.jansen", "agreed by phone", _time.GetUtcNow());

        decided.Status.Should().Be(AdviceStatus.Accepted);
        decided.DecidedBy.Should().Be("dr.jansen");
        episode.OxygenFlow.Should().Be(2.0, "advice is never applied automatically");
        var again = () => episode.DecideAdvice(advice.AdviceId, accept: false, "dr.other", null, _time.GetUtcNow());
        again.Should().Throw<EpisodeTransitionException>().WithMessage("*already accepted by dr.jansen*");

        episode.ChangeOxygenFlow(1.5, _time.GetUtcNow());
        episode.OxygenFlowSince.Should().Be(_time.GetUtcNow());
        episode.Advise(CovidOxygenProtocol.Default, _time.GetUtcNow(), () => $"advice-{++ids}").Should().BeEmpty("the new flow has not held 12 h");
        new Episode(episode.ToSnapshot()).Advice.Should().BeEquivalentTo(episode.Advice);
    }

    private static IReadOnlyList<AdviceProposal> Propose(VitalHistory history, double flow, int hoursOnFlow, double? previousFlow = null)
    {
        var now = Enrolled.AddHours(30);
        var facts = new AdviceFacts(history, flow, now.AddHours(-hoursOnFlow), previousFlow, Pathway.GeneralPractice, Enrolled);
        return AdviceRules.Propose(facts, CovidOxygenProtocol.Default, now);
    }

    /// <summary>Green spot checks every 6 h over the last <paramref name="hours"/> before the advice time, on <paramref name="flow"/>.</summary>
    private static VitalHistory SpotChecks(double flow, int hours, int spo2, int respiratoryRate)
    {
        var now = Enrolled.AddHours(30);
        var history = VitalHistory.Empty;
        for (var h = hours; h >= 0; h -= 6)
        {
            history = history.Add(new VitalRecord(now.AddHours(-h), spo2, respiratoryRate, 80, flow, false, Level.Green), TimeSpan.FromDays(2));
        }

        if (history.Records.Count < 2)
        {
            history = history.Add(new VitalRecord(now.AddMinutes(-1), spo2, respiratoryRate, 80, flow, false, Level.Green), TimeSpan.FromDays(2));
        }

        return history;
    }
}
