using ServiceExcellence.Domain.Common;

namespace ServiceExcellence.Domain.Ratings;

/// <summary>What went wrong, as a customer can say it ("Late", "Billing error"). Administrators manage the list.</summary>
public sealed class FailureCategory : Entity
{
    private FailureCategory()
    {
        Name = string.Empty;
    }

    public FailureCategory(string name, string? description, bool isCritical, int sortOrder)
    {
        Name = string.Empty;
        Update(name, description, isCritical, isActive: true, sortOrder);
    }

    public string Name { get; private set; }
    public string? Description { get; private set; }

    /// <summary>A rating naming a critical category raises an alert whatever its score.</summary>
    public bool IsCritical { get; private set; }

    /// <summary>Inactive categories are no longer offered but stay on past ratings.</summary>
    public bool IsActive { get; private set; }

    public int SortOrder { get; private set; }

    public void Update(string name, string? description, bool isCritical, bool isActive, int sortOrder)
    {
        Name = Guard.Required(name, "Name", 100);
        Description = Guard.Optional(description, "Description", 300);
        IsCritical = isCritical;
        IsActive = isActive;
        SortOrder = sortOrder;
    }
}
