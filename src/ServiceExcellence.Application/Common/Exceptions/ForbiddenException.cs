namespace ServiceExcellence.Application.Common.Exceptions;

/// <summary>The signed-in person may see this record but not change it (an administrator on the president's guarantee desk).</summary>
public sealed class ForbiddenException(string message) : Exception(message);
