namespace ProductCatalogOrders.ProductService.Products;

/// <summary>The outcome of asking a product to change status.</summary>
public sealed record Transition(TransitionOutcome Outcome, string? Reason = null)
{
    public static readonly Transition Applied = new(TransitionOutcome.Applied);

    public static readonly Transition AlreadyDone = new(TransitionOutcome.AlreadyDone);

    public static Transition Refused(string reason) => new(TransitionOutcome.Refused, reason);
}

public enum TransitionOutcome
{
    /// <summary>The product changed: a new version and an event.</summary>
    Applied,

    /// <summary>The product was already there: nothing changed, nothing is published.</summary>
    AlreadyDone,

    /// <summary>The current status forbids the change.</summary>
    Refused,
}
