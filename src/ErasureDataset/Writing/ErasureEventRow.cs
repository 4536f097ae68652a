using System.Text.Json.Serialization;
using Parquet.Serialization.Attributes;

namespace ProductCatalogOrders.ErasureDataset.Writing;

/// <summary>
/// The Parquet schema, one row per event. Every column is required; <c>occurred_at</c> is a UTC
/// timestamp in microseconds (INT64, TIMESTAMP(isAdjustedToUTC=true, MICROS)); <c>request_id</c> is the
/// request's Guid as text, which every reader understands.
/// </summary>
internal sealed class ErasureEventRow
{
    public const string OccurredAtColumn = "occurred_at";

    [JsonPropertyName("sequence")]
    public long Sequence { get; set; }

    [JsonPropertyName(OccurredAtColumn)]
    [ParquetTimestamp(ParquetTimestampResolution.Microseconds, useLogicalTimestamp: true, isAdjustedToUTC: true)]
    public DateTime OccurredAt { get; set; }

    [JsonPropertyName("service"), ParquetRequired]
    public string Service { get; set; } = "";

    [JsonPropertyName("kind"), ParquetRequired]
    public string Kind { get; set; } = "";

    [JsonPropertyName("request_id"), ParquetRequired]
    public string RequestId { get; set; } = "";

    [JsonPropertyName("subject_type"), ParquetRequired]
    public string SubjectType { get; set; } = "";

    [JsonPropertyName("subject_id"), ParquetRequired]
    public string SubjectId { get; set; } = "";

    public static ErasureEventRow From(ErasureEvent e) => new()
    {
        Sequence = e.Sequence,
        OccurredAt = e.OccurredAt.UtcDateTime,
        Service = e.Service,
        Kind = e.Kind,
        RequestId = e.RequestId.ToString("D"),
        SubjectType = e.SubjectType,
        SubjectId = e.SubjectId,
    };

    public ErasureEvent ToEvent() => new(
        Sequence,
        new DateTimeOffset(DateTime.SpecifyKind(OccurredAt, DateTimeKind.Utc)),
        Service,
        Kind,
        Guid.Parse(RequestId),
        SubjectType,
        SubjectId);
}
