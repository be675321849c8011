using Microsoft.Extensions.Time.Testing;
using ThuisMonitoring.Domain.Privacy;

namespace ThuisMonitoring.Domain.Tests.Privacy;

/// <summary>What the retention purge may remove, on a fake clock: raw stream samples after their days, records after their years.</summary>
public sealed class RetentionRuleTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.FromHours(1));
    private static readonly RetentionPolicy Policy = new(MedicalRecordYears: 20, RawMeasurementDays: 90);

    [Fact]
    public void The_default_policy_keeps_the_record_twenty_years_as_the_WGBO_requires_and_raw_data_ninety_days()
    {
        RetentionPolicy.Default.MedicalRecordYears.Should().Be(20);
        RetentionPolicy.Default.RawMeasurementDays.Should().Be(90);
        RetentionPolicy.Default.Problem().Should().BeNull();
        new RetentionPolicy(0, 90).Problem().Should().Contain("MedicalRecordYears");
        new RetentionPolicy(20, 0).Problem().Should().Contain("RawMeasurementDays");
    }

    [Theory]
    [InlineData(89, false)]
    [InlineData(90, false)]
    [InlineData(91, true)]
    public void A_stream_sample_is_due_only_once_it_is_older_than_the_raw_retention(int daysLater, bool due)
    {
        var clock = new FakeTimeProvider(Start);
        var sampleAt = Start.AddSeconds(1);
        clock.Advance(TimeSpan.FromDays(daysLater));

        RetentionRule.IsRawSampleDue(Policy, clock.GetUtcNow(), fromOximeter: true, sampleAt, Start, sampleAt.AddSeconds(1), firstOfInterval: false)
            .Should().Be(due);
    }

    [Fact]
    public void Spot_checks_patient_app_reports_and_the_first_sample_of_each_minute_are_never_raw_data()
    {
        var clock = new FakeTimeProvider(Start);
        clock.Advance(TimeSpan.FromDays(365));
        var now = clock.GetUtcNow();
        var at = Start.AddMinutes(5);

        // A lone oximeter reading, minutes from its neighbours: a spot check.
        RetentionRule.IsRawSampleDue(Policy, now, true, at, at.AddMinutes(-4), at.AddMinutes(4), firstOfInterval: false).Should().BeFalse();
        // The patient app's reports are spot checks by definition.
        RetentionRule.IsRawSampleDue(Policy, now, false, at, at.AddSeconds(-1), at.AddSeconds(1), firstOfInterval: false).Should().BeFalse();
        // The sample that carries the minute's trend stays.
        RetentionRule.IsRawSampleDue(Policy, now, true, at, at.AddSeconds(-1), at.AddSeconds(1), firstOfInterval: true).Should().BeFalse();
        // A sample within the stream gap of a neighbour on either side is raw.
        RetentionRule.IsRawSampleDue(Policy, now, true, at, null, at + RetentionRule.StreamGap, firstOfInterval: false).Should().BeTrue();
        RetentionRule.IsRawSampleDue(Policy, now, true, at, at - RetentionRule.StreamGap, null, firstOfInterval: false).Should().BeTrue();
        RetentionRule.IsRawSampleDue(Policy, now, true, at, at - RetentionRule.StreamGap - TimeSpan.FromTicks(1), null, firstOfInterval: false).Should().BeFalse();
    }

    [Fact]
    public void A_record_is_due_twenty_years_after_the_episode_ended_and_never_while_it_runs()
    {
        var clock = new FakeTimeProvider(Start);
        var endedAt = Start.AddDays(14);

        clock.Advance(TimeSpan.FromDays(365 * 20));
        RetentionRule.IsRecordDue(Policy, endedAt, clock.GetUtcNow()).Should().BeFalse("twenty years of 365 days fall short of twenty calendar years");
        RetentionRule.IsRecordDue(Policy, null, clock.GetUtcNow()).Should().BeFalse();

        clock.SetUtcNow(endedAt.AddYears(20));
        RetentionRule.IsRecordDue(Policy, endedAt, clock.GetUtcNow()).Should().BeTrue();
        RetentionRule.IsRecordDue(Policy, null, clock.GetUtcNow().AddYears(100)).Should().BeFalse("a running episode is never purged");
        RetentionRule.IsRecordDue(Policy with { MedicalRecordYears = 30 }, endedAt, clock.GetUtcNow()).Should().BeFalse();
    }
}
