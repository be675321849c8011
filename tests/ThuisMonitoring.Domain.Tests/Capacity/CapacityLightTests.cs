using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Capacity;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Tests.Capacity;

/// <summary>The centre's traffic light (CONTRACT section 10): patients per nurse on shift and urgent alerts left unclaimed.</summary>
public sealed class CapacityLightTests
{
    private static readonly DateTimeOffset Now = SpotCheck.MorningRound;
    private static readonly TimeSpan Response = TimeSpan.FromMinutes(5);

    [Theory]
    [InlineData(150, 1, "green")]
    [InlineData(151, 1, "orange")]
    [InlineData(200, 1, "orange")]
    [InlineData(201, 1, "red")]
    [InlineData(600, 4, "green")]
    [InlineData(601, 4, "orange")]
    [InlineData(804, 4, "red")]
    [InlineData(0, 0, "green")]
    [InlineData(1, 0, "red")]
    public void The_light_follows_patients_per_nurse_with_the_default_thresholds(int patients, int nurses, string expected)
    {
        CapacityLight.Of(patients, nurses, CentreAlerts.None, CapacityThresholds.Default).ToCode().Should().Be(expected);
    }

    [Fact]
    public void Thresholds_an_admin_sets_move_the_light()
    {
        var strict = new CapacityThresholds(50, 80);

        CapacityLight.Of(50, 1, CentreAlerts.None, strict).Should().Be(Level.Green);
        CapacityLight.Of(51, 1, CentreAlerts.None, strict).Should().Be(Level.Orange);
        CapacityLight.Of(81, 1, CentreAlerts.None, strict).Should().Be(Level.Red);
    }

    [Fact]
    public void An_urgent_alert_unclaimed_past_its_response_time_turns_the_light_red_and_claiming_it_clears_that()
    {
        var alert = Urgent(raisedAt: Now.AddMinutes(-6));

        var waiting = CentreAlerts.Count([alert], _ => Response, Now);
        var claimed = CentreAlerts.Count([alert with { ClaimedBy = "verpleegkundige", ClaimedAt = Now }], _ => Response, Now);

        waiting.UrgentOverdue.Should().Be(1);
        CapacityLight.Of(10, 2, waiting, CapacityThresholds.Default).Should().Be(Level.Red);
        claimed.UrgentOverdue.Should().Be(0);
        CapacityLight.Of(10, 2, claimed, CapacityThresholds.Default).Should().Be(Level.Green);
    }

    [Fact]
    public void An_urgent_alert_within_its_response_time_keeps_the_light_green()
    {
        var counted = CentreAlerts.Count([Urgent(raisedAt: Now.AddMinutes(-5))], _ => Response, Now);

        counted.UrgentOverdue.Should().Be(0);
        counted.OldestUnclaimedMinutes.Should().Be(5);
        CapacityLight.Of(10, 2, counted, CapacityThresholds.Default).Should().Be(Level.Green);
    }

    [Fact]
    public void Alerts_are_counted_by_level_and_the_oldest_unclaimed_one_is_measured_from_when_it_waits()
    {
        var alerts = new[]
        {
            Urgent(Now.AddMinutes(-3)),
            Urgent(Now.AddMinutes(-40)) with { ClaimedBy = "nurse" },
            Urgent(Now.AddMinutes(-50)) with { Status = AlertStatus.Resolved },
            Urgent(Now.AddMinutes(-30)) with { Level = Level.Orange, WaitingSince = Now.AddMinutes(-12) },
        };

        var counted = CentreAlerts.Count(alerts, _ => Response, Now);

        counted.Should().Be(new CentreAlerts(Urgent: 2, Warning: 1, OldestUnclaimedMinutes: 12, UrgentOverdue: 0));
    }

    [Fact]
    public void Patients_per_nurse_is_rounded_to_one_decimal_and_absent_without_nurses()
    {
        CapacityLight.PatientsPerNurse(10, 3).Should().Be(3.3);
        CapacityLight.PatientsPerNurse(10, 0).Should().BeNull();
    }

    [Fact]
    public void Thresholds_must_be_ordered()
    {
        new CapacityThresholds(200, 150).Problem().Should().NotBeNull();
        new CapacityThresholds(0, 150).Problem().Should().NotBeNull();
        CapacityThresholds.Default.Problem().Should().BeNull();
    }

    [Fact]
    public void Equipment_in_stock_follows_what_is_handed_out_since_the_count()
    {
        EquipmentCount.Now(countedInStock: 10, handedOutAtCount: 4, handedOutNow: 4).Should().Be(new EquipmentCount(10, 4));
        EquipmentCount.Now(10, 4, handedOutNow: 6).Should().Be(new EquipmentCount(8, 6), "two enrolments took two off the shelf");
        EquipmentCount.Now(10, 4, handedOutNow: 3).Should().Be(new EquipmentCount(11, 3), "an ended episode brought one back");
        EquipmentCount.Now(null, 0, handedOutNow: 3).Should().Be(new EquipmentCount(0, 3), "never counted: nothing known on the shelf");
    }

    private static Alert Urgent(DateTimeOffset raisedAt) =>
        new("a-" + raisedAt.Ticks, "patient-1", Level.Red, ["spo2-critical"], [], raisedAt, raisedAt, raisedAt, null, "covid-oxygen@1", 1, AlertStatus.Open);
}
