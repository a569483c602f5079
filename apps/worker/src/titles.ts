// The api speaks titles in reading form (`Football (soccer)`); libs/wiki-ai speaks the data set's
// URL-encoded names (`Football_%28soccer%29`). libs/wikigraph converts between them exactly.
export { encodedName as encodedTitle, readingTitle } from '@gamenight/wikigraph'
