namespace ThuisMonitoring.DeviceSimulator.Tests;

public sealed class CommandArgumentsTests
{
    [Fact]
    public void Options_take_the_next_word_or_an_equals_sign_and_flags_take_nothing()
    {
        var args = CommandArguments.Parse(["load", "--patients", "50", "--rate=2.5", "--once", "--report", "r.json"]);

        args.Command.Should().Be("load");
        args.Int("patients", 6).Should().Be(50);
        args.Double("rate", 1).Should().Be(2.5);
        args.Has("once").Should().BeTrue();
        args.Get("once").Should().BeNull();
        args.Require("report").Should().Be("r.json");
    }

    [Theory]
    [InlineData("20", 20)]
    [InlineData("20s", 20)]
    [InlineData("2.5", 2.5)]
    [InlineData("5m", 300)]
    [InlineData("1h", 3600)]
    public void Durations_are_seconds_unless_a_unit_says_otherwise(string text, double seconds) =>
        CommandArguments.Parse(["load", "--duration", text]).Duration("duration", TimeSpan.Zero)
            .Should().Be(TimeSpan.FromSeconds(seconds));

    [Theory]
    [InlineData("127.0.0.1:18830", "127.0.0.1", 18830)]
    [InlineData("localhost", "localhost", 1883)]
    public void The_broker_is_host_and_port(string text, string host, int port) =>
        CommandArguments.Parse(["demo", "--mqtt", text]).Mqtt().Should().Be((host, port));

    [Fact]
    public void Several_brokers_are_a_comma_separated_list_and_the_first_is_the_broker()
    {
        var args = CommandArguments.Parse(["load", "--mqtt", "127.0.0.1:18413,127.0.0.1:18423, localhost"]);

        args.MqttEndpoints().Should().Equal(("127.0.0.1", 18413), ("127.0.0.1", 18423), ("localhost", 1883));
        args.Mqtt().Should().Be(("127.0.0.1", 18413));
        CommandArguments.Parse(["load"]).MqttEndpoints().Should().BeEmpty();
    }

    [Fact]
    public void The_api_address_ends_with_a_slash_so_relative_paths_stay_under_it() =>
        CommandArguments.Parse(["demo", "--api", "http://127.0.0.1:18080"]).Api()
            .Should().Be(new Uri("http://127.0.0.1:18080/"));

    [Fact]
    public void A_missing_required_option_names_itself()
    {
        var act = () => CommandArguments.Parse(["demo"]).Require("admin-password");

        act.Should().Throw<ArgumentException>().WithMessage("*--admin-password*");
    }
}
