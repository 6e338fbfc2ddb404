using System.Xml;
using System.Xml.Schema;

namespace Expectations.Tests.Reporting.Renderers;

/// <summary>
/// The JUnit XML schema CI systems read, written for these tests from the two common descriptions: Jenkins' junit-10.xsd
/// (xunit plugin: which elements exist, <c>testcase</c> with <c>skipped</c>/<c>error</c>/<c>failure</c> and its own
/// <c>system-out</c>/<c>system-err</c>) and Ant's JUnit.xsd (what is required: a suite's <c>name</c>, <c>timestamp</c>
/// without a zone, <c>hostname</c>, counts and <c>time</c>; <c>properties</c>, <c>system-out</c> and <c>system-err</c>
/// elements; <c>id</c> and <c>package</c> on a suite inside <c>testsuites</c>; a <c>type</c> on each failure and error).
/// Required attributes and elements are the union of both; a test case's children follow Jenkins (Ant's schema has no
/// per-test output, which Jenkins, GitLab and Azure DevOps show), so a file valid here is read by both families of readers.
/// </summary>
internal static class JUnitSchema
{
    private const string Xsd = """
        <?xml version="1.0" encoding="UTF-8"?>
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified">
          <xs:simpleType name="Timestamp">
            <xs:restriction base="xs:dateTime">
              <xs:pattern value="[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}"/>
            </xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="Seconds">
            <xs:restriction base="xs:decimal">
              <xs:minInclusive value="0"/>
            </xs:restriction>
          </xs:simpleType>
          <xs:simpleType name="NonEmpty">
            <xs:restriction base="xs:string">
              <xs:minLength value="1"/>
            </xs:restriction>
          </xs:simpleType>
          <xs:complexType name="Problem">
            <xs:simpleContent>
              <xs:extension base="xs:string">
                <xs:attribute name="message" type="xs:string"/>
                <xs:attribute name="type" type="NonEmpty" use="required"/>
              </xs:extension>
            </xs:simpleContent>
          </xs:complexType>
          <xs:complexType name="Skipped">
            <xs:simpleContent>
              <xs:extension base="xs:string">
                <xs:attribute name="message" type="xs:string"/>
              </xs:extension>
            </xs:simpleContent>
          </xs:complexType>
          <xs:complexType name="TestCase">
            <xs:sequence>
              <xs:choice minOccurs="0" maxOccurs="1">
                <xs:element name="skipped" type="Skipped"/>
                <xs:element name="error" type="Problem"/>
                <xs:element name="failure" type="Problem"/>
              </xs:choice>
              <xs:element name="system-out" type="xs:string" minOccurs="0" maxOccurs="unbounded"/>
              <xs:element name="system-err" type="xs:string" minOccurs="0" maxOccurs="unbounded"/>
            </xs:sequence>
            <xs:attribute name="name" type="NonEmpty" use="required"/>
            <xs:attribute name="classname" type="NonEmpty" use="required"/>
            <xs:attribute name="time" type="Seconds" use="required"/>
            <xs:attribute name="assertions" type="xs:nonNegativeInteger"/>
          </xs:complexType>
          <xs:complexType name="TestSuite">
            <xs:sequence>
              <xs:element name="properties">
                <xs:complexType>
                  <xs:sequence>
                    <xs:element name="property" minOccurs="0" maxOccurs="unbounded">
                      <xs:complexType>
                        <xs:attribute name="name" type="NonEmpty" use="required"/>
                        <xs:attribute name="value" type="xs:string" use="required"/>
                      </xs:complexType>
                    </xs:element>
                  </xs:sequence>
                </xs:complexType>
              </xs:element>
              <xs:element name="testcase" type="TestCase" minOccurs="0" maxOccurs="unbounded"/>
              <xs:element name="system-out" type="xs:string"/>
              <xs:element name="system-err" type="xs:string"/>
            </xs:sequence>
            <xs:attribute name="name" type="NonEmpty" use="required"/>
            <xs:attribute name="timestamp" type="Timestamp" use="required"/>
            <xs:attribute name="hostname" type="NonEmpty" use="required"/>
            <xs:attribute name="tests" type="xs:nonNegativeInteger" use="required"/>
            <xs:attribute name="failures" type="xs:nonNegativeInteger" use="required"/>
            <xs:attribute name="errors" type="xs:nonNegativeInteger" use="required"/>
            <xs:attribute name="skipped" type="xs:nonNegativeInteger"/>
            <xs:attribute name="disabled" type="xs:nonNegativeInteger"/>
            <xs:attribute name="time" type="Seconds" use="required"/>
          </xs:complexType>
          <xs:element name="testsuite" type="TestSuite"/>
          <xs:element name="testsuites">
            <xs:complexType>
              <xs:sequence>
                <xs:element name="testsuite" minOccurs="0" maxOccurs="unbounded">
                  <xs:complexType>
                    <xs:complexContent>
                      <xs:extension base="TestSuite">
                        <xs:attribute name="package" type="NonEmpty" use="required"/>
                        <xs:attribute name="id" type="xs:int" use="required"/>
                      </xs:extension>
                    </xs:complexContent>
                  </xs:complexType>
                </xs:element>
              </xs:sequence>
              <xs:attribute name="name" type="xs:string"/>
              <xs:attribute name="tests" type="xs:nonNegativeInteger"/>
              <xs:attribute name="failures" type="xs:nonNegativeInteger"/>
              <xs:attribute name="errors" type="xs:nonNegativeInteger"/>
              <xs:attribute name="skipped" type="xs:nonNegativeInteger"/>
              <xs:attribute name="disabled" type="xs:nonNegativeInteger"/>
              <xs:attribute name="time" type="Seconds"/>
            </xs:complexType>
          </xs:element>
        </xs:schema>
        """;

    private static readonly Lazy<XmlSchemaSet> Schemas = new(() =>
    {
        var set = new XmlSchemaSet();
        using var reader = XmlReader.Create(new StringReader(Xsd));
        set.Add(null, reader);
        set.Compile();
        return set;
    });

    /// <summary>Every validation error and warning of <paramref name="xml"/> against the schema (empty when valid).</summary>
    public static IReadOnlyList<string> Validate(string xml)
    {
        var problems = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = Schemas.Value };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => problems.Add($"{e.Severity} at {e.Exception?.LineNumber}:{e.Exception?.LinePosition}: {e.Message}");
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read())
        {
        }

        return problems;
    }
}
