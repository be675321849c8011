using ThuisMonitoring.InfluxDb.LineProtocol;

namespace ThuisMonitoring.InfluxDb.Tests;

/// <summary>The escaping examples of the InfluxDB line protocol reference, and the writer's own refusals.</summary>
public sealed class LineProtocolWriterTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeMilliseconds(1_556_813_561_098);

    [Theory]
    [InlineData("my Measurement", @"my\ Measurement")]
    [InlineData("my,Measurement", @"my\,Measurement")]
    [InlineData("my=Measurement", "my=Measurement")]
    [InlineData("\"my\"Measurement", "\"my\"Measurement")]
    public void Measurement_names_escape_commas_and_spaces_only(string name, string written) =>
        LineProtocolWriter.ToLine(new LinePoint(name, At).Field("fieldKey", 1L))
            .Should().Be($"{written} fieldKey=1i 1556813561098\n");

    [Theory]
    [InlineData("tag Key1", "tag Value1", @"tag\ Key1=tag\ Value1")]
    [InlineData("tag,Key", "tag,Value", @"tag\,Key=tag\,Value")]
    [InlineData("tag=Key", "tag=Value", @"tag\=Key=tag\=Value")]
    [InlineData("\"tagKey\"", "\"tagValue\"", "\"tagKey\"=\"tagValue\"")]
    public void Tag_keys_and_values_escape_commas_equals_signs_and_spaces(string key, string value, string written) =>
        LineProtocolWriter.ToLine(new LinePoint("m", At).Tag(key, value).Field("f", 1L))
            .Should().Be($"m,{written} f=1i 1556813561098\n");

    [Theory]
    [InlineData("field Key", @"field\ Key")]
    [InlineData("field,Key", @"field\,Key")]
    [InlineData("field=Key", @"field\=Key")]
    public void Field_keys_escape_commas_equals_signs_and_spaces(string key, string written) =>
        LineProtocolWriter.ToLine(new LinePoint("m", At).Field(key, true))
            .Should().Be($"m {written}=true 1556813561098\n");

    [Theory]
    [InlineData("too hot", "\"too hot\"")]
    [InlineData("Say \"hello\"", "\"Say \\\"hello\\\"\"")]
    [InlineData(@"C:\dir\file", "\"C:\\\\dir\\\\file\"")]
    [InlineData(@"ends with \", "\"ends with \\\\\"")]
    [InlineData("a,b=c d", "\"a,b=c d\"")]
    [InlineData("", "\"\"")]
    [InlineData("zuurstof 🫁 ërg", "\"zuurstof 🫁 ërg\"")]
    public void String_fields_escape_double_quotes_and_backslashes_only(string value, string written) =>
        LineProtocolWriter.ToLine(new LinePoint("m", At).Field("s", value))
            .Should().Be($"m s={written} 1556813561098\n");

    [Theory]
    [InlineData(0L, "0i")]
    [InlineData(-42L, "-42i")]
    [InlineData(long.MaxValue, "9223372036854775807i")]
    public void Integers_carry_the_i_suffix(long value, string written) =>
        LineProtocolWriter.ToLine(new LinePoint("m", At).Field("n", value)).Should().Be($"m n={written} 1556813561098\n");

    [Theory]
    [InlineData(2.5, "2.5")]
    [InlineData(37.0, "37")]
    [InlineData(-0.1, "-0.1")]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    [InlineData(1e-7, "1E-07")]
    public void Floats_are_written_round_trip_in_invariant_culture(double value, string written)
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("nl-NL");
        try
        {
            LineProtocolWriter.ToLine(new LinePoint("m", At).Field("x", value)).Should().Be($"m x={written} 1556813561098\n");
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Booleans_are_true_or_false() =>
        LineProtocolWriter.ToLine(new LinePoint("m", At).Field("a", true).Field("b", false))
            .Should().Be("m a=true,b=false 1556813561098\n");

    [Fact]
    public void Timestamps_are_milliseconds_since_the_epoch_whatever_the_offset() =>
        LineProtocolWriter.ToLine(new LinePoint("m", new DateTimeOffset(2021, 3, 1, 9, 30, 0, 123, TimeSpan.FromHours(1))).Field("f", 1L))
            .Should().Be("m f=1i 1614587400123\n");

    [Fact]
    public void Tags_are_sorted_by_key_whatever_the_order_they_were_added() =>
        LineProtocolWriter.ToLine(new LinePoint("m", At).Tag("source", "s").Tag("device", "d").Tag("patient", "p").Tag("organisation", "o").Field("f", 1L))
            .Should().Be("m,device=d,organisation=o,patient=p,source=s f=1i 1556813561098\n");

    [Fact]
    public void Tags_sort_by_utf8_bytes_not_utf16_code_units()
    {
        // U+FF21 (fullwidth A) is one UTF-16 unit above the surrogates, but in UTF-8 it sorts before U+1F600.
        var line = LineProtocolWriter.ToLine(new LinePoint("m", At).Tag("😀", "1").Tag("Ａ", "2").Field("f", 1L));
        line.Should().Be("m,Ａ=2,😀=1 f=1i 1556813561098\n");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void A_tag_without_value_is_left_out(string? value) =>
        LineProtocolWriter.ToLine(new LinePoint("m", At).Tag("organisation", value).Tag("patient", "p").Field("f", 1L))
            .Should().Be("m,patient=p f=1i 1556813561098\n");

    [Fact]
    public void Several_points_are_several_lines()
    {
        var writer = new LineProtocolWriter();
        writer.Write(new LinePoint("m", At).Field("f", 1L));
        writer.Write(new LinePoint("m", At.AddMilliseconds(1)).Field("f", 2L));

        writer.LineCount.Should().Be(2);
        writer.ToString().Should().Be("m f=1i 1556813561098\nm f=2i 1556813561099\n");
    }

    [Fact]
    public void A_point_without_fields_is_refused() =>
        FluentActions.Invoking(() => LineProtocolWriter.ToLine(new LinePoint("m", At).Tag("t", "v")))
            .Should().Throw<LineProtocolException>();

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Floats_that_are_not_finite_are_refused(double value) =>
        FluentActions.Invoking(() => new LinePoint("m", At).Field("x", value)).Should().Throw<LineProtocolException>();

    [Theory]
    [InlineData("time")]
    [InlineData("_measurement")]
    [InlineData("_field")]
    public void Reserved_keys_are_refused(string key)
    {
        FluentActions.Invoking(() => new LinePoint("m", At).Tag(key, "v")).Should().Throw<LineProtocolException>();
        FluentActions.Invoking(() => new LinePoint("m", At).Field(key, 1L)).Should().Throw<LineProtocolException>();
    }

    [Fact]
    public void A_measurement_name_starting_with_a_hash_would_be_a_comment_and_is_refused() =>
        FluentActions.Invoking(() => new LinePoint("#vitals", At)).Should().Throw<LineProtocolException>();

    [Fact]
    public void The_same_tag_or_field_twice_is_refused()
    {
        FluentActions.Invoking(() => new LinePoint("m", At).Tag("t", "a").Tag("t", "b")).Should().Throw<LineProtocolException>();
        FluentActions.Invoking(() => new LinePoint("m", At).Field("f", 1L).Field("f", 2L)).Should().Throw<LineProtocolException>();
    }

    [Fact]
    public void A_string_field_over_64_KiB_is_refused() =>
        FluentActions.Invoking(() => new LinePoint("m", At).Field("s", new string('é', 40_000))).Should().Throw<LineProtocolException>();
}
