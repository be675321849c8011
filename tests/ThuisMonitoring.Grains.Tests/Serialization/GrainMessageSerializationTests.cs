using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Cloning;
using Orleans.Serialization.Serializers;
using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Grains.Contracts;
using ThuisMonitoring.Grains.Serialization;

namespace ThuisMonitoring.Grains.Tests.Serialization;

/// <summary>
/// Every type that crosses a grain call is written and copied by Orleans itself (generated codecs, surrogates,
/// Orleans' exception codec), with the registration every silo and client uses (<see cref="DomainSerialization"/>):
/// no JSON fallback, no field lost, immutable messages passed by reference inside the silo.
/// </summary>
public sealed class GrainMessageSerializationTests
{
    private static readonly ServiceProvider Services = new ServiceCollection().AddDomainSerialization().BuildServiceProvider();
    private readonly Serializer _serializer = Services.GetRequiredService<Serializer>();
    private readonly DeepCopier _copier = Services.GetRequiredService<DeepCopier>();
    private readonly ICodecProvider _codecs = Services.GetRequiredService<ICodecProvider>();

    public static TheoryData<string> MessageTypes()
    {
        var data = new TheoryData<string>();
        foreach (var type in GrainMessageTypes.All)
        {
            data.Add(type.FullName!);
        }

        return data;
    }

    [Fact]
    public void The_grain_interfaces_and_their_messages_are_all_found()
    {
        GrainMessageTypes.GrainInterfaces.Should().Contain([typeof(IPatientGrain), typeof(IReadinessGrain)]);
        GrainMessageTypes.Own.Should().Contain(
        [
            typeof(Measurement), typeof(DeviceKind), typeof(PatientFeedback), typeof(EpisodeSnapshot), typeof(Alert),
            typeof(EffectiveProtocol), typeof(PatientNotEnrolledException), typeof(ProtocolDocumentException), typeof(ProtocolError),
        ]);
    }

    [Theory]
    [MemberData(nameof(MessageTypes))]
    public void Every_grain_message_type_has_an_Orleans_native_codec_and_copier(string typeName)
    {
        var type = TypeNamed(typeName);

        var codec = Unwrapped(_codecs.GetCodec(type));
        var copier = Unwrapped(_codecs.GetDeepCopier(type));

        codec.GetType().FullName.Should().NotContainEquivalentOf("json", $"{type} must not fall back to JSON");
        copier.GetType().FullName.Should().NotContainEquivalentOf("json", $"{type} must not be copied through JSON");
        if (GrainMessageTypes.IsOwn(type) && !type.IsEnum && !typeof(Exception).IsAssignableFrom(type) && type != typeof(EffectiveProtocol))
        {
            codec.GetType().GetGenericTypeDefinition().Should().Be(typeof(SurrogateCodec<,,>), $"the pure domain's {type} travels as a surrogate");
        }
    }

    [Theory]
    [MemberData(nameof(MessageTypes))]
    public void Every_grain_message_type_round_trips_through_the_Orleans_serializer(string typeName)
    {
        var type = TypeNamed(typeName);
        var sample = new SampleValues().Of(type);

        var read = RoundTripMethod.MakeGenericMethod(type).Invoke(this, [sample]);

        ShouldMatch(read, sample);
    }

    [Theory]
    [MemberData(nameof(MessageTypes))]
    public void Every_grain_message_type_survives_the_Orleans_deep_copier(string typeName)
    {
        var type = TypeNamed(typeName);
        var sample = new SampleValues().Of(type);

        var copy = CopyMethod.MakeGenericMethod(type).Invoke(this, [sample]);

        ShouldMatch(copy, sample);
    }

    [Fact]
    public void Measurements_and_feedback_on_the_hot_path_are_passed_by_reference_inside_the_silo()
    {
        var values = new SampleValues();
        var measurements = new List<Measurement> { (Measurement)values.Of(typeof(Measurement)), (Measurement)values.Of(typeof(Measurement)) };
        var feedback = (PatientFeedback)values.Of(typeof(PatientFeedback));

        var copiedList = _copier.Copy<IReadOnlyList<Measurement>>(measurements);

        copiedList.Should().NotBeSameAs(measurements, "the caller may still change its list");
        copiedList.Should().HaveCount(2);
        copiedList[0].Should().BeSameAs(measurements[0]);
        copiedList[1].Should().BeSameAs(measurements[1]);
        _copier.Copy(feedback).Should().BeSameAs(feedback);
        _codecs.GetDeepCopier<Measurement>().Should().BeAssignableTo<ShallowCopier<Measurement>>();
    }

    [Fact]
    public void An_episode_is_copied_deeply_but_shares_its_immutable_parts()
    {
        var snapshot = (EpisodeSnapshot)new SampleValues().Of(typeof(EpisodeSnapshot));

        var copy = _copier.Copy(snapshot);

        copy.Should().NotBeSameAs(snapshot);
        copy.Alerts.Should().NotBeSameAs(snapshot.Alerts, "the grain goes on changing its own lists");
        copy.Alerts[0].Should().NotBeSameAs(snapshot.Alerts[0], "an alert holds lists of its own");
        copy.Enrolment.Should().BeSameAs(snapshot.Enrolment);
        copy.LastMeasurement.Should().BeSameAs(snapshot.LastMeasurement);
    }

    [Fact]
    public void A_list_made_by_a_collection_expression_crosses_inside_a_message()
    {
        var values = new SampleValues();
        var alert = (Alert)values.Of(typeof(Alert));
        IReadOnlyList<string> reasons = ["spo2-low", "rr-high"];
        alert = alert with { Reasons = reasons };

        var read = _serializer.Deserialize<Alert>(_serializer.SerializeToArray(alert));

        read!.Reasons.Should().Equal("spo2-low", "rr-high");
    }

    private static readonly MethodInfo RoundTripMethod = typeof(GrainMessageSerializationTests).GetMethod(nameof(RoundTrip), BindingFlags.NonPublic | BindingFlags.Instance)!;
    private static readonly MethodInfo CopyMethod = typeof(GrainMessageSerializationTests).GetMethod(nameof(Copy), BindingFlags.NonPublic | BindingFlags.Instance)!;

    /// <summary>As a grain call writes an argument: with its declared type (an enum alone, boxed, would read back as its number).</summary>
    private T RoundTrip<T>(T value) => _serializer.Deserialize<T>(_serializer.SerializeToArray(value))!;

    private T Copy<T>(T value) => _copier.Copy(value)!;

    private static Type TypeNamed(string fullName) => GrainMessageTypes.All.Single(t => t.FullName == fullName);

    /// <summary>The codec behind Orleans' untyped adapter (its <c>IWrappedCodec.Inner</c>, not public).</summary>
    private static object Unwrapped(object codec) =>
        codec.GetType().GetProperty("Inner")?.GetValue(codec) is { } inner ? Unwrapped(inner) : codec;

    private static void ShouldMatch(object? actual, object expected)
    {
        actual.Should().NotBeNull().And.BeOfType(expected.GetType());
        if (expected is Exception exception)
        {
            var read = (Exception)actual!;
            read.Message.Should().Be(exception.Message);
            foreach (var property in expected.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                property.GetValue(actual).Should().BeEquivalentTo(property.GetValue(expected), options => options.ComparingRecordsByMembers(), property.Name);
            }

            return;
        }

        actual.Should().BeEquivalentTo(expected, options => options.ComparingRecordsByMembers().RespectingRuntimeTypes());
    }
}
