namespace ServiceExcellence.Application.Common.Models;

/// <summary>One choice of a drop-down list.</summary>
public sealed record Option(Guid Id, string Name);
