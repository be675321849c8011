using ThuisMonitoring.Domain.Replay;

namespace ThuisMonitoring.Domain.Tests.Replay;

/// <summary>
/// The trace library in the repository (traces/*.json) is exactly what the seeded generator writes, so the files and
/// the code never drift apart. Regenerate with <c>THUISMONITORING_WRITE_TRACES=1 dotnet test --filter TraceLibraryFileTests</c>.
/// </summary>
public sealed class TraceLibraryFileTests
{
    public static TheoryData<string> Names() => [.. TraceGenerator.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void The_library_file_is_what_the_generator_writes(string name)
    {
        var path = Path.Combine(LibraryDirectory(), name + ".json");
        var generated = TraceFile.Write(TraceGenerator.Generate(name, 1));
        if (Environment.GetEnvironmentVariable("THUISMONITORING_WRITE_TRACES") == "1")
        {
            File.WriteAllText(path, generated + "\n");
        }

        File.ReadAllText(path).TrimEnd('\n').Should().Be(generated);
        TraceFile.Read(generated).Should().BeEquivalentTo(TraceGenerator.Generate(name, 1));
    }

    [Fact]
    public void Another_seed_gives_another_trace_with_the_same_labels()
    {
        var one = TraceGenerator.Generate("motion-artefacts", 1);
        var two = TraceGenerator.Generate("motion-artefacts", 2);

        two.Events.Should().NotEqual(one.Events);
        two.Expected.Should().Equal(one.Expected);
    }

    private static string LibraryDirectory() => Path.Combine(Repository.Directory, "traces");
}
