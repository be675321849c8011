using ThuisMonitoring.Mqtt.Broker;

namespace ThuisMonitoring.Mqtt.Tests.Broker;

/// <summary>Contract §2: any filter inside the device's own subtree, nothing outside it.</summary>
public sealed class DeviceTopicsTests
{
    [Theory]
    [InlineData("thuismonitoring/v1/devices/meter-1/feedback")]
    [InlineData("thuismonitoring/v1/devices/meter-1/errors")]
    [InlineData("thuismonitoring/v1/devices/meter-1/+")]
    [InlineData("thuismonitoring/v1/devices/meter-1/#")]
    [InlineData("thuismonitoring/v1/devices/meter-1/+/#")]
    public void A_filter_in_the_own_subtree_is_allowed(string filter) =>
        DeviceTopics.MayDeviceSubscribe("meter-1", filter).Should().BeTrue();

    [Theory]
    [InlineData("thuismonitoring/v1/devices/meter-2/feedback")]
    [InlineData("thuismonitoring/v1/devices/meter-2/#")]
    [InlineData("thuismonitoring/v1/devices/meter-10/#")]
    [InlineData("thuismonitoring/v1/devices/meter-1")]
    [InlineData("thuismonitoring/v1/devices/meter-1/")]
    [InlineData("thuismonitoring/v1/devices/+/feedback")]
    [InlineData("thuismonitoring/v1/devices/#")]
    [InlineData("#")]
    [InlineData("+/v1/devices/meter-1/feedback")]
    [InlineData("thuismonitoring/v1/devices/meter-1/#/feedback")]
    [InlineData("thuismonitoring/v1/devices/meter-1/feed#")]
    [InlineData("thuismonitoring/v1/devices/meter-1/feed+")]
    [InlineData("$share/g/thuismonitoring/v1/devices/meter-1/feedback")]
    public void A_filter_outside_the_own_subtree_is_refused(string filter) =>
        DeviceTopics.MayDeviceSubscribe("meter-1", filter).Should().BeFalse();
}
