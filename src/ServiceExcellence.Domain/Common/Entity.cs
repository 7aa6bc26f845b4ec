namespace ServiceExcellence.Domain.Common;

/// <summary>
/// Base of every aggregate: a time-ordered identifier created in the domain (so a command knows the id
/// before anything is saved) and a concurrency token that the persistence layer renews on every save.
/// </summary>
public abstract class Entity
{
    protected Entity() => Id = Guid.CreateVersion7();

    public Guid Id { get; protected set; }

    /// <summary>Optimistic concurrency token; a stale value on save is a conflict, never a silent overwrite.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();
}
