/**
 * The Apache Lucene knowledge base: articles indexed with an analyzer per language, suggested while
 * a customer types a ticket (R15). Hosts who do not want Lucene leave this module out.
 */
module dev.helpdesk.search {
  requires transitive dev.helpdesk.core;
  requires org.apache.lucene.core;
  requires org.apache.lucene.analysis.common;
  requires org.apache.lucene.analysis.icu;
  requires org.apache.lucene.analysis.nori;
  requires org.apache.lucene.analysis.smartcn;
  requires org.slf4j;

  exports dev.helpdesk.search;
}
