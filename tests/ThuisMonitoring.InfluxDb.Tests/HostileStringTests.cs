using ThuisMonitoring.InfluxDb.LineProtocol;

namespace ThuisMonitoring.InfluxDb.Tests;

/// <summary>
/// Hostile strings in every position of a point: each is either refused while the point is built, or written as
/// exactly one line that reads back as exactly what was given. Never a second line, never another tag.
/// </summary>
public sealed class HostileStringTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeMilliseconds(1_600_000_000_000);

    public static TheoryData<string> Hostile => new()
    {
        "a,b", "a b", "a=b", "a\"b", "\"quoted\"", @"a\b", @"trailing\", @"\", @"\,", @"\ ", @"\=", @"\\",
        "a\nvitals,patient=other spo2=50i 0", "\n", "\r\n", "\r", "a\tb", "\0", "\u0085", "\u2028", "\u007f",
        " ", "=", ",", "\"", "#not a comment", "é ü ß 中文 🫁 😀", "\ud800", "a\udc00b", "ok", "x=1i,y=2i 0",
        "patient=other", "\\\"", "end\\\"", new string('w', 300),
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void As_measurement_name(string hostile) =>
        RefusedOrFaithful(() => new LinePoint(hostile, At).Field("f", 1L), read => read.Measurement.Should().Be(hostile));

    [Theory]
    [MemberData(nameof(Hostile))]
    public void As_tag_key(string hostile) =>
        RefusedOrFaithful(
            () => new LinePoint("vitals", At).Tag("patient", "p1").Tag(hostile, "v").Field("f", 1L),
            read => read.Tags.Should().Equal(Sorted(("patient", "p1"), (hostile, "v"))));

    [Theory]
    [MemberData(nameof(Hostile))]
    public void As_tag_value(string hostile) =>
        RefusedOrFaithful(
            () => new LinePoint("vitals", At).Tag("device", hostile).Tag("patient", "p1").Field("spo2", 95L),
            read =>
            {
                read.Tags.Should().Equal(("device", hostile), ("patient", "p1"));
                read.Fields.Should().Equal(("spo2", "95i"));
            });

    [Theory]
    [MemberData(nameof(Hostile))]
    public void As_field_key(string hostile) =>
        RefusedOrFaithful(
            () => new LinePoint("vitals", At).Tag("patient", "p1").Field(hostile, 1L).Field("spo2", 95L),
            read => read.Fields.Should().Equal((hostile, "1i"), ("spo2", "95i")));

    [Theory]
    [MemberData(nameof(Hostile))]
    public void As_string_field_value(string hostile) =>
        RefusedOrFaithful(
            () => new LinePoint("vitals", At).Tag("patient", "p1").Field("feeling", hostile).Field("spo2", 95L),
            read => read.Fields.Should().Equal(("feeling", $"\"{hostile}\""), ("spo2", "95i")));

    [Theory]
    [InlineData("\n")]
    [InlineData("\r")]
    [InlineData("x\ny")]
    [InlineData("x\r\ny")]
    public void A_newline_is_refused_in_every_position(string newline)
    {
        FluentActions.Invoking(() => new LinePoint(newline, At)).Should().Throw<LineProtocolException>();
        FluentActions.Invoking(() => new LinePoint("m", At).Tag(newline, "v")).Should().Throw<LineProtocolException>();
        FluentActions.Invoking(() => new LinePoint("m", At).Tag("k", newline)).Should().Throw<LineProtocolException>();
        FluentActions.Invoking(() => new LinePoint("m", At).Field(newline, 1L)).Should().Throw<LineProtocolException>();
        FluentActions.Invoking(() => new LinePoint("m", At).Field("s", newline)).Should().Throw<LineProtocolException>();
    }

    [Theory]
    [InlineData(@"a\b")]
    [InlineData(@"trailing\")]
    public void A_backslash_is_refused_in_names_but_carried_in_string_fields(string text)
    {
        FluentActions.Invoking(() => new LinePoint("m", At).Tag("k", text)).Should().Throw<LineProtocolException>();
        ReadLine.Parse(LineProtocolWriter.ToLine(new LinePoint("m", At).Field("s", text))).Fields[0].Value.Should().Be($"\"{text}\"");
    }

    private static void RefusedOrFaithful(Func<LinePoint> build, Action<ReadLine> faithful)
    {
        LinePoint point;
        try
        {
            point = build();
        }
        catch (LineProtocolException)
        {
            return;
        }

        var line = LineProtocolWriter.ToLine(point);
        line.Count(c => c == '\n').Should().Be(1, "one point is one line");
        line.Should().NotContain("\r");
        line.Should().NotStartWith("#");
        faithful(ReadLine.Parse(line));
    }

    private static (string Key, string Value)[] Sorted(params (string Key, string Value)[] tags) =>
        tags.OrderBy(t => t.Key, StringComparer.Ordinal).ToArray();
}
