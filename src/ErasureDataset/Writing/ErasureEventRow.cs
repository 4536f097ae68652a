using System.Text.Json.Serialization;
using Parquet.Serialization.Attributes;

namespace ProductCatalogOrders.ErasureDataset.Writing;

/// <summary>
/// The Parquet schema, one row per event. Every column is required; <c>occurred_at</c> is a UTC
/// timestamp in milliseconds (INT64, TIMESTAMP(isAdjustedToUTC=true, MILLIS)); <c>request_id</c> is the
/// request's Guid as text, which every reader understands.
/// Milliseconds, not microseconds: Parquet.Net 6.1 writes the row-group statistics of a MICROS column
/// in milliseconds, which other readers take for microseconds (a 2024 row's maximum reads as 1970), so
/// their predicate push-down on <c>occurred_at</c> would skip rows. MILLIS statistics are read right everywhere.
/// </summary>
internal sealed class ErasureEventRow
{
    public const string OccurredAtColumn = "occurred_at";

    [JsonPropertyName("sequence")]
    public long Sequence { get; set; }

    [JsonPropertyName(OccurredAtColumn)]
    [ParquetTimestamp(ParquetTimestampResolution.Milliseconds, useLogicalTimestamp: true, isAdjustedToUTC: true)]
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
