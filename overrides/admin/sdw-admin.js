// The web editor's previews (Decap CMS), registered before the CMS starts.
//
// The preview pane shows an entry as its published page shows it: the same HTML structure and
// CSS classes as overrides/sdw/blocks/item.html (data: scripts/sdw/pages.py item_page_of) inside
// Material's page frame, so the site's own stylesheets (main, palette and sdw.css, registered as
// preview styles below) style it: title, kicker (type · date · reading time), lead, the type's
// facts, who speaks, the picture or the video's still, the text, then "Over dit artikel".
//
// Plain ES5/ES2017 without dependencies: Decap exposes React's createElement as `h` and
// create-react-class as `createClass`. The admin page's policy allows script from 'self' only:
// nothing here writes inline script, event handler attributes or inline styles.
(function () {
  "use strict";

  var CMS = window.CMS;
  var h = window.h;
  var createClass = window.createClass;
  // {"styles": [site stylesheets], "types": {collection name: {...}}, "texts", "wordsPerMinute"}
  // (scripts/sdw/cms.py admin_page).
  var data = JSON.parse(document.getElementById("sdw-admin").textContent);

  // What each type shows beyond its fields comes with the page (scripts/sdw/cms.py preview_data),
  // from the same declarations the published pages are made from: per collection its label, type,
  // `article` (a reading time, "Over dit artikel"), `labelFrom` (a choice that names the item in
  // the kicker), `peopleLabel`, `facts` (above the text) and `about` (after it), each
  // {label, field, show, linkText, note, end, both, startOnly, endOnly}, and `player`.
  var MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
    "september", "oktober", "november", "december"];
  var ABOUT_ID = "sdw-over-dit-artikel";

  // --- Values as a reader reads them -------------------------------------------------------------

  function isEmpty(value) {
    return value === undefined || value === null || value === "" ||
      (value && typeof value.size === "number" && value.size === 0);
  }

  // A date field's value as text: "YYYY-MM-DD", "YYYY-MM" or "YYYY" (a picked day may be a Date).
  function isoOf(value) {
    if (value instanceof Date) {
      return isNaN(value) ? "" : value.toISOString().slice(0, 10);
    }
    return isEmpty(value) ? "" : String(value).trim();
  }

  // "2018-12-05" -> "5 december 2018", "2018-12" -> "december 2018", "2018" -> "2018"
  // (scripts/sdw/dates.py dutch); anything else as it is written.
  function dutchDate(value) {
    var iso = isoOf(value);
    var match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(iso);
    if (!match || (match[2] && !MONTHS[+match[2] - 1])) {
      return iso;
    }
    if (!match[2]) {
      return match[1];
    }
    var month = MONTHS[+match[2] - 1] + " " + match[1];
    return match[3] ? +match[3] + " " + month : month;
  }

  // A slug as words, for a related item whose title the editor does not know (yet):
  // "samenwerking-zorg-en-werk" -> "Samenwerking zorg en werk". Also a choice: "persoonlijk-verhaal".
  function words(slug) {
    var text = String(slug).replace(/-/g, " ");
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  function readingMinutes(body) {
    var count = String(body || "").split(/\s+/).filter(Boolean).length;
    return Math.max(1, Math.ceil(count / data.wordsPerMinute));
  }

  // An Immutable List, an array or a single value, as an array (empty values left out).
  function listOf(value) {
    if (isEmpty(value)) {
      return [];
    }
    var items = value.toArray ? value.toArray() : Array.isArray(value) ? value : [value];
    return items.filter(function (item) { return !isEmpty(item); });
  }

  // --- One entry as its page ---------------------------------------------------------------------

  // Reads an entry and the editor's knowledge of it (the props Decap gives a preview template).
  function Reader(props) {
    this.props = props;
    this.entry = props.entry;
    this.fields = props.collection.get("fields");
  }

  Reader.prototype.value = function (name) {
    return this.entry.getIn(["data", name]);
  };

  Reader.prototype.field = function (name) {
    return this.fields.find(function (f) { return f.get("name") === name; });
  };

  // The title of the item a relation field names, as the editor loaded it with the field's
  // options (fieldsMetaData); until then the slug in words.
  Reader.prototype.titleOf = function (name, slug) {
    var field = this.field(name);
    var target = field && field.get("collection");
    var meta = this.props.fieldsMetaData;
    var title = meta && target && meta.getIn([name, target, slug, "titel"]);
    return title || words(slug);
  };

  // The address of a picture field's value (the editor resolves it against the media folder).
  Reader.prototype.asset = function (name) {
    var path = this.value(name);
    if (isEmpty(path)) {
      return "";
    }
    var asset = this.props.getAsset(path, this.field(name));
    return asset ? String(asset) : "";
  };

  // A link to a web address: opens in a new tab (the frame's <base target="_blank">).
  function webLink(url, text) {
    return h("a", {href: String(url), rel: "noopener noreferrer"}, text || String(url));
  }

  // A fact's value as elements for its <dd>, or null when there is nothing to show.
  Reader.prototype.factValue = function (fact) {
    var self = this;
    if (fact.show === "calendar") {
      // Published: a link to the event's calendar file, when its date names a day.
      if (!/^\d{4}-\d{2}-\d{2}$/.test(isoOf(this.value("datum")))) {
        return null;
      }
      return [h("a", {key: "link"}, fact.linkText), " (" + fact.note + ")"];
    }
    var value = this.value(fact.field);
    if (fact.show === "period") {
      var start = isEmpty(value) ? "" : dutchDate(value);
      var end = fact.end && !isEmpty(this.value(fact.end)) ? dutchDate(this.value(fact.end)) : "";
      var pattern = start && end ? fact.both : start ? fact.startOnly : end ? fact.endOnly : null;
      return pattern ? pattern.replace("{start}", start).replace("{end}", end) : null;
    }
    if (isEmpty(value)) {
      return null;
    }
    if (fact.show === "refs") {
      // Published: links to the items, separated by spaces (chips in .sdw-facts).
      var links = [];
      listOf(value).forEach(function (slug, i) {
        if (i) {
          links.push(" ");
        }
        links.push(h("a", {key: slug}, self.titleOf(fact.field, String(slug))));
      });
      return links.length ? links : null;
    }
    if (fact.show === "web") {
      return webLink(value, fact.linkText);
    }
    return String(value);
  };

  // <dl class="sdw-facts"> of the facts that have a value, or null.
  Reader.prototype.factList = function (facts) {
    var self = this;
    var rows = [];
    facts.forEach(function (fact) {
      var shown = self.factValue(fact);
      if (shown !== null) {
        rows.push(h("dt", {key: "t-" + fact.label}, fact.label), h("dd", {key: "d-" + fact.label}, shown));
      }
    });
    return rows.length ? h("dl", {className: "sdw-facts"}, rows) : null;
  };

  // "Interview · 5 december 2018 · 5 min lezen"
  Reader.prototype.kicker = function (info) {
    var type = info.type;
    var choice = info.labelFrom && this.value(info.labelFrom);
    var parts = [h("span", {key: "type", className: "sdw-type sdw-type--" + type},
      choice ? words(choice) : info.label)];
    var date = isoOf(this.value("datum"));
    if (date) {
      parts.push(" · ", h("time", {key: "date", dateTime: date}, dutchDate(date)));
    }
    if (info.article) {
      parts.push(" · " + data.texts.readingTime.replace("{minutes}", readingMinutes(this.value("body"))));
    }
    return h("div", {className: "sdw-item-header"}, h("p", {className: "sdw-kicker"}, parts));
  };

  Reader.prototype.people = function (info) {
    var people = listOf(this.value("personen")).filter(function (p) { return p.get && p.get("naam"); });
    if (!people.length) {
      return null;
    }
    return h("div", {className: "sdw-people", role: "group", "aria-label": info.peopleLabel},
      people.map(function (p, i) {
        var role = [p.get("rol"), p.get("organisatie")].filter(function (x) { return !isEmpty(x); }).join(", ");
        return h("p", {key: i, className: "sdw-person"}, h("strong", null, p.get("naam")), " ", h("span", null, role));
      }));
  };

  // The video's still with the play button's look (the player itself loads only on the published
  // page, after a click), or the picture, as sdw/blocks/player.html and item.html write them.
  Reader.prototype.picture = function (info) {
    var player = info.player;
    if (player) {
      var still = this.asset(player.poster);
      var url = this.value(player.url);
      if (!still || isEmpty(url)) {
        return null;
      }
      // A <span>, not a <button>: nothing plays here.
      var play = h("span", {className: "sdw-video__play"},
        h("span", {className: "sdw-video__icon", "aria-hidden": "true"}), "Video afspelen");
      return h("figure", {className: "sdw-video"},
        h("div", {className: "sdw-video__frame"}, h("img", {className: "sdw-video__poster", src: still, alt: ""}), play),
        h("figcaption", {className: "sdw-video__note"},
          "Op de gepubliceerde pagina laadt de video pas na een klik op afspelen. ", webLink(url, "Bekijk de video")));
    }
    var image = this.asset("afbeelding");
    if (!image) {
      return null;
    }
    return h("figure", {className: "sdw-figure"},
      h("p", null, h("img", {src: image, alt: this.value("afbeelding_alt") || ""})));
  };

  Reader.prototype.about = function (info) {
    var facts = this.factList(info.about);
    return facts && h("section", {className: "sdw-about", "aria-labelledby": ABOUT_ID},
      h("h2", {id: ABOUT_ID}, data.texts.aboutArticle), facts);
  };

  // The whole page: Material's frame (so its and the site's CSS apply as on a published page),
  // then the item as sdw/blocks/item.html writes it.
  Reader.prototype.page = function (info) {
    var facts = this.factList(info.facts);
    var item = h("div", {className: "sdw-page sdw-page--" + info.type},
      h("h1", null, this.value("titel") || ""),
      this.kicker(info),
      isEmpty(this.value("samenvatting")) ? null : h("p", {className: "sdw-lead"}, this.value("samenvatting")),
      facts && h("div", {className: "sdw-item-facts"}, facts),
      this.people(info),
      this.picture(info),
      this.props.widgetFor("body"),
      this.about(info));
    return h("div", {className: "md-container"},
      h("main", {className: "md-main"},
        h("div", {className: "md-main__inner md-grid"},
          h("div", {className: "md-content"},
            h("article", {className: "md-content__inner md-typeset"}, item)))));
  };

  // The frame's <html> and <body> as on a published page: Dutch, Material's light scheme with the
  // site's own colours (sdw.css), so colours, fonts and quotes match.
  function dressFrame(doc) {
    if (!doc || !doc.body) {
      return;
    }
    doc.documentElement.lang = "nl";
    doc.body.dir = "ltr";
    doc.body.setAttribute("data-md-color-scheme", "default");
    doc.body.setAttribute("data-md-color-primary", "custom");
    doc.body.setAttribute("data-md-color-accent", "custom");
  }

  function previewOf(info) {
    return createClass({
      componentDidMount: function () { dressFrame(this.props.document); },
      render: function () { return new Reader(this.props).page(info); }
    });
  }

  data.styles.forEach(function (href) {
    CMS.registerPreviewStyle(new URL(href, document.baseURI).href);
  });
  // Decap's own buttons (preview on and off, scroll in step) float over the pane's top right
  // corner, over the title: keep the title clear of them.
  CMS.registerPreviewStyle(".sdw-page > h1 { padding-right: 2.4rem; }", {raw: true});
  Object.keys(data.types).forEach(function (collection) {
    CMS.registerPreviewTemplate(collection, previewOf(data.types[collection]));
  });
})();
