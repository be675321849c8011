using ThuisMonitoring.DeviceSimulator.Load;

namespace ThuisMonitoring.DeviceSimulator.Tests.Load;

public sealed class HostProcessProbeTests
{
    [Fact]
    public void Cpu_time_is_utime_plus_stime_in_seconds_even_with_spaces_in_the_name()
    {
        const string stat = "4242 (Thuis Monitoring) S 1 4242 4242 0 -1 4194560 51234 0 12 0 1234 266 0 0 20 0 24 0 987 123 456";

        HostProcessProbe.CpuSeconds(stat).Should().Be(15.0);
    }

    [Fact]
    public void Resident_memory_is_read_from_VmRSS_in_mebibytes()
    {
        string[] status = ["Name:\tThuisMonitoring", "VmPeak:\t 3000000 kB", "VmRSS:\t  204800 kB", "Threads:\t30"];

        HostProcessProbe.RssMebibytes(status).Should().Be(200.0);
    }

    [Theory]
    [InlineData(true, "/work/main/src/ThuisMonitoring.Host/bin/Debug/net10.0/ThuisMonitoring.Host", "--Urls=http://127.0.0.1:18080")]
    [InlineData(true, "dotnet", "exec", "/app/ThuisMonitoring.Host.dll")]
    [InlineData(true, "/usr/bin/dotnet", "/app/ThuisMonitoring.Host.dll")]
    [InlineData(false, "dotnet", "run", "--project", "src/ThuisMonitoring.Host")]
    [InlineData(false, "dotnet", "/sdk/MSBuild.dll", "src/ThuisMonitoring.Host/ThuisMonitoring.Host.csproj")]
    [InlineData(false, "bash")]
    public void The_host_is_recognised_by_its_command_line_and_not_by_dotnet_run(bool host, params string[] arguments) =>
        HostProcessProbe.IsHostCommandLine(arguments).Should().Be(host);

    [Fact]
    public void The_own_process_can_be_sampled()
    {
        var sample = new HostProcessProbe(Environment.ProcessId).Sample();

        sample.Should().NotBeNull();
        sample!.RssMebibytes.Should().BePositive();
    }

    [Fact]
    public void Of_several_hosts_the_one_serving_the_api_under_test_is_taken()
    {
        (int, string[])[] hosts =
        [
            (300, ["ThuisMonitoring.Host", "--Urls=http://127.0.0.1:18080"]),
            (200, ["ThuisMonitoring.Host", "--Urls=http://127.0.0.1:18180", "--Mqtt:Port=18930"]),
        ];

        HostProcessProbe.Choose(hosts, ["127.0.0.1:18180"]).Should().Be(200);
        HostProcessProbe.Choose(hosts, ["127.0.0.1:5080"]).Should().Be(300, "without a hinted host the newest is taken");
        HostProcessProbe.Choose([], ["127.0.0.1:5080"]).Should().BeNull();
    }
}
