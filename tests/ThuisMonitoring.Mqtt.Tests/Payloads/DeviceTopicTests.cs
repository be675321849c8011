using ThuisMonitoring.Mqtt.Payloads;

namespace ThuisMonitoring.Mqtt.Tests.Payloads;

/// <summary>The topic names of contract section 2.</summary>
public sealed class DeviceTopicTests
{
    [Theory]
    [InlineData("thuismonitoring/v1/devices/ox-1/measurements", "ox-1", DeviceTopicKind.Measurements)]
    [InlineData("thuismonitoring/v1/devices/ox-1/status", "ox-1", DeviceTopicKind.Status)]
    [InlineData("thuismonitoring/v1/devices/app 7.é/measurements", "app 7.é", DeviceTopicKind.Measurements)]
    public void A_device_to_platform_topic_names_device_and_kind(string topic, string deviceId, DeviceTopicKind kind)
    {
        var parsed = DeviceTopic.Parse(topic);

        parsed.Should().Be(new DeviceTopic(deviceId, kind));
        parsed!.Name.Should().Be(topic);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("thuismonitoring/v1/devices/ox-1")]
    [InlineData("thuismonitoring/v1/devices/ox-1/")]
    [InlineData("thuismonitoring/v1/devices//measurements")]
    [InlineData("thuismonitoring/v1/devices/ox-1/feedback")]
    [InlineData("thuismonitoring/v1/devices/ox-1/errors")]
    [InlineData("thuismonitoring/v1/devices/ox-1/measurements/extra")]
    [InlineData("thuismonitoring/v1/devices/ox-1/Measurements")]
    [InlineData("thuismonitoring/v1/devices/+/measurements")]
    [InlineData("thuismonitoring/v1/devices/#")]
    [InlineData("thuismonitoring/v1/devices/ox#1/status")]
    [InlineData("thuismonitoring/v2/devices/ox-1/measurements")]
    [InlineData("/thuismonitoring/v1/devices/ox-1/measurements")]
    [InlineData("ThuisMonitoring/v1/devices/ox-1/measurements")]
    public void Anything_else_is_not_a_device_topic(string? topic)
    {
        DeviceTopic.Parse(topic).Should().BeNull();
    }

    [Fact]
    public void The_topics_of_a_device_are_built_from_its_id()
    {
        DeviceTopic.Measurements("ox-1").Should().Be("thuismonitoring/v1/devices/ox-1/measurements");
        DeviceTopic.Status("ox-1").Should().Be("thuismonitoring/v1/devices/ox-1/status");
        DeviceTopic.Feedback("ox-1").Should().Be("thuismonitoring/v1/devices/ox-1/feedback");
        DeviceTopic.Errors("ox-1").Should().Be("thuismonitoring/v1/devices/ox-1/errors");
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("+")]
    [InlineData("ox#")]
    [InlineData("ox\0")]
    public void A_deviceId_that_would_break_the_topic_is_refused(string deviceId)
    {
        DeviceTopic.IsValidDeviceId(deviceId).Should().BeFalse();
        var build = () => DeviceTopic.Feedback(deviceId);
        build.Should().Throw<ArgumentException>();
    }
}
